package io.porter.cleanup;

import io.porter.jobs.Addresses;
import io.porter.jobs.BusRequest;
import io.porter.tenancy.Caller;
import io.porter.testing.Await;
import io.porter.testing.MutableClock;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.porter.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
@DisplayName("Cleanup: expired export files and old unused uploads go, on a schedule, once per cluster")
class CleanupTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    /** No cleanup role: the tests deploy cleanup nodes with a clock they control. */
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db).with("PORTER_ROLES", "http,import,export");

    @Test
    @org.junit.jupiter.api.Order(1)
    @DisplayName("A pass deletes exactly the expired export files and marks their jobs expired; fresh ones stay")
    void expiredExports(Vertx vertx) {
        Caller caller = TestNode.newCaller();
        WebClient client = WebClient.create(vertx);
        String oldUpload = upload(client, caller);
        String expiring = export(client, caller);
        String keeping = export(client, caller);
        db.count("UPDATE export_jobs SET expires_at = now() + interval '30 days' WHERE id = ?::uuid RETURNING 1", keeping);
        MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(8)));
        Path expiringFile = fileOf(expiring);
        Path keptFile = fileOf(keeping);
        assertThat(expiringFile).exists();

        deployCleanup(clock);
        runNow(caller);

        Await.eventually(() -> io.vertx.core.Future.succeededFuture(
                db.count("SELECT count(*) FROM export_jobs WHERE id = ?::uuid AND status = 'expired'", expiring)),
                n -> n == 1, Duration.ofSeconds(15));
        assertThat(expiringFile).doesNotExist();
        assertThat(keptFile).exists();
        assertThat(db.count("SELECT count(*) FROM export_jobs WHERE id = ?::uuid AND status = 'completed'", keeping)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM uploads WHERE file_url = ?", oldUpload)).isZero();
        assertThat(Await.result(client.get(node.port(), "127.0.0.1", "/api/contacts/export/" + expiring + "/download")
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller)).send()).statusCode()).isEqualTo(410);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    @DisplayName("Two cleanup nodes scheduled for the same time queue one pass between them")
    void oncePerCluster() {
        Instant justBefore = Instant.parse("2030-01-02T03:59:59.200Z");
        deployCleanup(new MutableClock(justBefore));
        deployCleanup(new MutableClock(justBefore));

        String key = "cleanup:2030-01-02T04:00:00Z";
        Await.eventually(() -> io.vertx.core.Future.succeededFuture(
                db.count("SELECT count(*) FROM job_queue WHERE dedupe_key = ? AND status = 'succeeded'", key)),
                n -> n == 1, Duration.ofSeconds(15));
        Await.sleep(Duration.ofMillis(500));
        assertThat(db.count("SELECT count(*) FROM job_queue WHERE kind = 'cleanup' AND dedupe_key = ?", key)).isEqualTo(1);
    }

    private static void deployCleanup(MutableClock clock) {
        Await.result(node.porter().vertx().deployVerticle(
                new CleanupVerticle(node.config(), node.porter().databaseUrl(), clock)));
    }

    private static void runNow(Caller caller) {
        Await.result(node.porter().vertx().eventBus().request(Addresses.CLEANUP_RUN,
                new BusRequest(caller.tenantId(), caller.userId(), Optional.empty(), new JsonObject()).toJson()));
    }

    private static String upload(WebClient client, Caller caller) {
        return Await.result(client.post(node.port(), "127.0.0.1", "/api/uploads").addQueryParam("fileName", "old.csv")
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller))
                .sendBuffer(Buffer.buffer("email\na@example.com\n"))).bodyAsJsonObject().getString("fileUrl");
    }

    private static String export(WebClient client, Caller caller) {
        String jobId = Await.result(client.post(node.port(), "127.0.0.1", "/api/contacts/export")
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller))
                .sendJsonObject(new JsonObject().put("format", "csv"))).bodyAsJsonObject().getString("jobId");
        Await.eventually(() -> io.vertx.core.Future.succeededFuture(
                db.count("SELECT count(*) FROM export_jobs WHERE id = ?::uuid AND status = 'completed'", jobId)),
                n -> n == 1, Duration.ofSeconds(15));
        return jobId;
    }

    private static Path fileOf(String exportId) {
        try (var files = Files.walk(node.storageDir())) {
            return files.filter(p -> p.toString().contains(exportId) && Files.isRegularFile(p)).findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
