package io.porter.imports;

import io.porter.jobs.Addresses;
import io.porter.jobs.JobQueue;
import io.porter.jobs.NewJob;
import io.porter.tenancy.Caller;
import io.porter.testing.Await;
import io.porter.testing.BusRecorder;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the queue stops retrying an import or a rollback (here: its last worker died holding the
 * lease), the import must not look running forever: it ends with the reason, and listeners hear it.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("An import or rollback whose attempts ran out ends with the reason, its final progress and a completion")
class ImportGiveUpTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db).with("PORTER_JOB_POLL_MILLIS", 200);

    private static final String DEAD_OWNER = "import:dead-node";

    @Test
    @DisplayName("an import whose node died on its last attempt becomes failed, saying so, with one final progress and one completion")
    void importGivenUp(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        api.get("/api/uploads"); // records the tenant
        try (BusRecorder progress = BusRecorder.listen(node.porter().vertx(), Addresses.IMPORT_PROGRESS);
             BusRecorder completions = BusRecorder.listen(node.porter().vertx(), Addresses.JOBS_COMPLETED)) {
            UUID id = abandoned(vertx, api.caller(), ImportHandler.KIND, "processing", null);

            JsonObject job = api.awaitJob(id.toString(), Set.of("failed"));
            List<JsonObject> finalProgress = progress.awaitAbout(id.toString(), 1, Duration.ofSeconds(10));
            List<JsonObject> completed = completions.awaitAbout(id.toString(), 1, Duration.ofSeconds(10));
            Await.sleep(Duration.ofMillis(600)); // three more polls: none may report it again

            assertThat(job.getJsonArray("errors").getJsonObject(0).getString("error"))
                    .isEqualTo("the import stopped after 2 attempts: lease of " + DEAD_OWNER + " expired on attempt 2 of 2");
            assertThat(job.getBoolean("canRollback")).isTrue();
            assertThat(finalProgress).singleElement().satisfies(m -> {
                assertThat(m.getString("status")).isEqualTo("failed");
                assertThat(m.getBoolean("terminal")).isTrue();
            });
            assertThat(progress.about(id.toString())).hasSize(1);
            assertThat(completed).singleElement().satisfies(m -> {
                assertThat(m.getString("kind")).isEqualTo("import");
                assertThat(m.getString("status")).isEqualTo("failed");
            });
            assertThat(completions.about(id.toString())).hasSize(1);
        }
    }

    @Test
    @DisplayName("a rollback given up returns the import to its earlier status with the error, and completes as a failed rollback")
    void rollbackGivenUp(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        api.get("/api/uploads");
        try (BusRecorder completions = BusRecorder.listen(node.porter().vertx(), Addresses.JOBS_COMPLETED)) {
            UUID id = abandoned(vertx, api.caller(), RollbackHandler.KIND, "rolling_back",
                    new JsonObject().put("force", false).put("previousStatus", "cancelled"));

            JsonObject job = api.awaitJob(id.toString(), Set.of("cancelled"));
            List<JsonObject> completed = completions.awaitAbout(id.toString(), 1, Duration.ofSeconds(10));

            assertThat(job.getJsonObject("rollback").getString("error"))
                    .isEqualTo("the rollback stopped after 2 attempts: lease of " + DEAD_OWNER + " expired on attempt 2 of 2");
            assertThat(job.getString("rolledBackAt")).isNull();
            assertThat(completed).singleElement().satisfies(m -> {
                assertThat(m.getString("kind")).isEqualTo("import.rollback");
                assertThat(m.getString("status")).isEqualTo("failed");
                assertThat(m.getString("error")).contains("the rollback stopped after 2 attempts");
            });
        }
    }

    /**
     * An import in {@code status} whose queue row of {@code kind} is running under a lease that lapsed
     * on its last attempt: what a cluster shows after the last node running it died. Written in one
     * transaction, without waking the workers, so no live worker takes the job first.
     */
    private static UUID abandoned(Vertx vertx, Caller caller, String kind, String status, JsonObject rollback) {
        Pool pool = db.pool(vertx);
        UUID id = UUID.randomUUID();
        JobQueue queue = new JobQueue(vertx, pool);
        try {
            Await.result(pool.withTransaction(tx -> new ImportJobs(pool).insert(tx, id, caller.tenantId(), null, "gone.csv", 10L,
                            "local:" + caller.tenantId() + "/uploads/x/gone.csv", "csv", null, new JsonObject(), caller.userId())
                    .compose(job -> tx.preparedQuery("""
                                    UPDATE import_jobs SET status = $2, processed_rows = 4000, created_count = 4000,
                                           imported_count = 4000, can_rollback = true, rollback = $3::jsonb
                                    WHERE id = $1""")
                            .execute(Tuple.of(id, status, rollback)))
                    .compose(updated -> queue.enqueue(tx, NewJob.forTenant(kind, caller.tenantId(), new JsonObject())
                            .withSubject(id).withMaxAttempts(2)))
                    .compose(queued -> lapse(tx, queued.id()))));
        } finally {
            pool.close();
        }
        return id;
    }

    private static Future<Void> lapse(SqlConnection tx, UUID queueId) {
        return tx.preparedQuery("""
                        UPDATE job_queue SET status = 'running', lease_owner = $2, attempts = 2,
                               lease_expires_at = now() - interval '1 second', started_at = now() - interval '1 minute'
                        WHERE id = $1""")
                .execute(Tuple.of(queueId, DEAD_OWNER)).mapEmpty();
    }
}
