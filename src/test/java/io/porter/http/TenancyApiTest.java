package io.porter.http;

import io.porter.jobs.JobQueue;
import io.porter.jobs.NewJob;
import io.porter.tenancy.Caller;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.porter.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Tenancy: a tenant sees only its own uploads and jobs")
class TenancyApiTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db);

    private final Caller tenantA = TestNode.newCaller();
    private final Caller tenantB = TestNode.newCaller();
    private WebClient client;

    @BeforeEach
    void client(Vertx vertx) {
        client = WebClient.create(vertx);
    }

    @Test
    @DisplayName("Tenant B gets 404 for tenant A's upload and does not see it in its list")
    void foreignUpload() {
        JsonObject upload = client.post(node.port(), "127.0.0.1", "/api/uploads")
                .addQueryParam("fileName", "a.csv")
                .putHeader("Authorization", "Bearer " + Tokens.valid(tenantA))
                .sendBuffer(Buffer.buffer("email\na@example.com\n")).await().bodyAsJsonObject();
        String path = "/api/uploads/" + upload.getString("id");

        assertThat(get(path, tenantA).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> foreign = get(path, tenantB);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.bodyAsString()).doesNotContain(upload.getString("fileUrl"));
        assertThat(get("/api/uploads", tenantB).bodyAsJsonObject().getJsonArray("items")).isEmpty();
        assertThat(get("/api/uploads", tenantA).bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    }

    @Test
    @DisplayName("Tenant B gets 404 for tenant A's job; tenant A sees it")
    void foreignJob(Vertx vertx) {
        get("/api/uploads", tenantA); // records tenant A, as its first request would
        Pool pool = db.pool(vertx);
        UUID jobId = new JobQueue(vertx, pool)
                .enqueue(NewJob.forTenant("test.noop", tenantA.tenantId(), new JsonObject())).await().id();

        HttpResponse<Buffer> own = get("/api/jobs/" + jobId, tenantA);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.bodyAsJsonObject().getString("id")).isEqualTo(jobId.toString());
        assertThat(get("/api/jobs/" + jobId, tenantB).statusCode()).isEqualTo(404);
        assertThat(get("/api/jobs/not-a-uuid", tenantA).statusCode()).isEqualTo(404);
        pool.close();
    }

    @Test
    @DisplayName("Pages of a list are linked by an opaque cursor, newest first")
    void pagination() {
        Caller caller = TestNode.newCaller();
        for (int i = 0; i < 3; i++) {
            client.post(node.port(), "127.0.0.1", "/api/uploads").addQueryParam("fileName", "f" + i + ".csv")
                    .putHeader("Authorization", "Bearer " + Tokens.valid(caller))
                    .sendBuffer(Buffer.buffer("email\n")).await();
        }
        JsonObject first = get("/api/uploads?limit=2", caller).bodyAsJsonObject();
        assertThat(first.getJsonArray("items")).hasSize(2);
        assertThat(first.getJsonArray("items").getJsonObject(0).getString("fileName")).isEqualTo("f2.csv");
        JsonObject second = get("/api/uploads?limit=2&cursor=" + first.getString("nextCursor"), caller).bodyAsJsonObject();
        assertThat(second.getJsonArray("items")).hasSize(1);
        assertThat(second.getJsonArray("items").getJsonObject(0).getString("fileName")).isEqualTo("f0.csv");
        assertThat(second.getValue("nextCursor")).isNull();
        assertThat(get("/api/uploads?limit=501", caller).statusCode()).isEqualTo(400);
        assertThat(get("/api/uploads?cursor=bogus", caller).statusCode()).isEqualTo(400);
    }

    private HttpResponse<Buffer> get(String path, Caller caller) {
        return client.get(node.port(), "127.0.0.1", path)
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller)).send().await();
    }
}
