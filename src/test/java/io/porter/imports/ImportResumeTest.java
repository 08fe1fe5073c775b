package io.porter.imports;

import io.porter.testing.Await;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Resuming: an import whose worker stops mid-file ends with the counts of an uninterrupted run")
class ImportResumeTest {

    private static final int ROWS = 20_000;

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    /** HTTP only: the test deploys and stops the import role itself. */
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db).with("PORTER_ROLES", "http");

    @Test
    @DisplayName("Stopping the import role mid-file and starting another resumes from the checkpoint")
    void resumesAfterStop(Vertx vertx) {
        Vertx nodeVertx = node.porter().vertx();
        Await.result(nodeVertx.deployVerticle(() -> new ParseVerticle(node.config(), ImportVerticle.BATCH_SIZE),
                ParseVerticle.deploymentOptions(node.config())));
        String first = Await.result(nodeVertx.deployVerticle(new ImportVerticle(node.config(), node.porter().databaseUrl())));
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        String fileUrl = api.upload("big.csv", csv());
        String jobId = api.post("/api/contacts/import", new JsonObject().put("fileName", "big.csv").put("fileUrl", fileUrl)
                .put("options", new JsonObject().put("duplicateStrategy", "update").put("tags", new io.vertx.core.json.JsonArray().add("big"))))
                .bodyAsJsonObject().getString("jobId");

        Await.eventually(() -> io.vertx.core.Future.succeededFuture(api.get("/api/contacts/import/" + jobId).bodyAsJsonObject()),
                job -> job.getInteger("processedRows") >= 4000, Duration.ofSeconds(60));
        Await.result(nodeVertx.undeploy(first));
        // With no import role running, the API cannot answer for the job (503): look in the database.
        assertThat(api.get("/api/contacts/import/" + jobId).statusCode()).isEqualTo(503);
        assertThat(db.count("SELECT count(*) FROM import_jobs WHERE id = ?::uuid AND status = 'processing' AND processed_rows < ?",
                jobId, ROWS)).isEqualTo(1);

        Await.result(nodeVertx.deployVerticle(new ImportVerticle(node.config(), node.porter().databaseUrl())));
        JsonObject done = api.awaitJob(jobId, Set.of("completed", "failed"));

        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getInteger("totalRows")).isEqualTo(ROWS);
        assertThat(done.getInteger("createdCount")).isEqualTo(ROWS - ROWS / 10);
        assertThat(done.getInteger("errorCount")).isEqualTo(ROWS / 10);
        assertThat(done.getInteger("updatedCount") + done.getInteger("skippedCount")).isZero();
        assertThat(db.count("SELECT count(*) FROM contacts WHERE tenant_id = ?", api.caller().tenantId()))
                .isEqualTo(ROWS - ROWS / 10);
        assertThat(db.count("SELECT count(*) FROM import_row_errors WHERE import_job_id = ?::uuid", jobId))
                .isEqualTo(ROWS / 10);
        assertThat(db.count("SELECT count(*) FROM contact_tags ct JOIN contacts c ON c.id = ct.contact_id WHERE c.tenant_id = ?",
                api.caller().tenantId())).isEqualTo(ROWS - ROWS / 10);
    }

    /** Every tenth row has a bad email. */
    private static byte[] csv() {
        StringBuilder csv = new StringBuilder("email,first_name,last_name\n");
        for (int i = 1; i <= ROWS; i++) {
            String email = i % 10 == 0 ? "broken-" + i : "person" + i + "@example.com";
            csv.append(email).append(",First").append(i).append(",Last").append(i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
