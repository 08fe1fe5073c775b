package io.porter.exports;

import io.porter.jobs.Addresses;
import io.porter.jobs.JobQueue;
import io.porter.jobs.NewJob;
import io.porter.tenancy.Caller;
import io.porter.testing.Await;
import io.porter.testing.BusRecorder;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.porter.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("An export whose attempts ran out ends failed with the reason and is announced once")
class ExportGiveUpTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db).with("PORTER_JOB_POLL_MILLIS", 200);

    @Test
    @DisplayName("an export whose node died on its last attempt becomes failed, with its final progress and completion")
    void exportGivenUp(Vertx vertx) {
        Caller caller = TestNode.newCaller();
        WebClient client = WebClient.create(vertx);
        String bearer = "Bearer " + Tokens.valid(caller);
        Await.result(client.get(node.port(), "127.0.0.1", "/api/contacts/export").putHeader("Authorization", bearer).send());
        try (BusRecorder progress = BusRecorder.listen(node.porter().vertx(), Addresses.EXPORT_PROGRESS);
             BusRecorder completions = BusRecorder.listen(node.porter().vertx(), Addresses.JOBS_COMPLETED)) {
            UUID id = abandonedExport(vertx, caller);

            JsonObject job = Await.eventually(() -> client.get(node.port(), "127.0.0.1", "/api/contacts/export/" + id)
                    .putHeader("Authorization", bearer).send().map(r -> r.bodyAsJsonObject()),
                    j -> "failed".equals(j.getString("status")), Duration.ofSeconds(10));
            completions.awaitAbout(id.toString(), 1, Duration.ofSeconds(10));
            Await.sleep(Duration.ofMillis(600));

            assertThat(job.getString("error")).isEqualTo("the export stopped after 1 attempt: lease of export:dead expired on attempt 1 of 1");
            assertThat(progress.about(id.toString())).singleElement()
                    .satisfies(m -> assertThat(m.getBoolean("terminal")).isTrue());
            assertThat(completions.about(id.toString())).singleElement()
                    .satisfies(m -> assertThat(m.getString("status")).isEqualTo("failed"));
        }
    }

    private static UUID abandonedExport(Vertx vertx, Caller caller) {
        Pool pool = db.pool(vertx);
        UUID id = UUID.randomUUID();
        try {
            Await.result(pool.withTransaction(tx -> new ExportJobs(pool).insert(tx, id, caller.tenantId(), "full", null, null,
                            "csv", null, new JsonObject(), caller.userId())
                    .compose(job -> tx.preparedQuery("UPDATE export_jobs SET status = 'processing' WHERE id = $1").execute(Tuple.of(id)))
                    .compose(updated -> new JobQueue(vertx, pool).enqueue(tx,
                            NewJob.forTenant(ExportHandler.KIND, caller.tenantId(), new JsonObject()).withSubject(id).withMaxAttempts(1)))
                    .compose(queued -> tx.preparedQuery("""
                                    UPDATE job_queue SET status = 'running', lease_owner = 'export:dead', attempts = 1,
                                           lease_expires_at = now() - interval '1 second'
                                    WHERE id = $1""").execute(Tuple.of(queued.id())))));
        } finally {
            pool.close();
        }
        return id;
    }
}
