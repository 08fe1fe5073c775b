package io.porter.jobs;

import io.porter.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.porter.testing.Await.result;
import static io.porter.testing.Await.failure;
import static io.porter.testing.Await.sleep;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class JobQueueTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final Duration LONG_LEASE = Duration.ofSeconds(60);
    private static final Duration SHORT_LEASE = Duration.ofMillis(200);

    private Pool pool;
    private JobQueue queue;
    private UUID tenant;
    private String kind;

    @BeforeEach
    void setUp(Vertx vertx) {
        pool = db.pool(vertx);
        queue = new JobQueue(vertx, pool);
        tenant = UUID.randomUUID();
        kind = "test-" + UUID.randomUUID();
        result(pool.preparedQuery("INSERT INTO tenants(id) VALUES ($1)").execute(Tuple.of(tenant)));
        result(pool.query("CREATE TABLE IF NOT EXISTS test_units (job_id uuid, unit int)").execute());
    }

    @Test
    @DisplayName("concurrent claimers never get the same job: every one of 20 jobs is claimed exactly once")
    void concurrentClaimsNeverShareAJob() {
        IntStream.range(0, 20).forEach(i -> result(queue.enqueue(newJob())));

        List<Future<List<UUID>>> claimers = IntStream.range(0, 5)
                .mapToObj(i -> claimUntilEmpty("claimer-" + i, new ArrayList<>()))
                .toList();
        result(Future.all(claimers));

        List<UUID> claimed = claimers.stream().flatMap(f -> f.result().stream()).toList();
        assertThat(claimed).hasSize(20).doesNotHaveDuplicates();
        assertThat(claimers).filteredOn(f -> !f.result().isEmpty()).hasSizeGreaterThan(1);
    }

    @Test
    @DisplayName("a claim takes a due job, sets it running for the owner and counts the attempt; a job due later is left")
    void claimSetsLeaseAndAttempt() {
        result(queue.enqueue(newJob().withRunAfter(java.time.Instant.now().plusSeconds(60))));
        Job due = result(queue.enqueue(newJob()));

        Job claimed = result(queue.claim(Set.of(kind), "a", LONG_LEASE)).orElseThrow();

        assertThat(claimed.id()).isEqualTo(due.id());
        assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(claimed.leaseOwner()).isEqualTo("a");
        assertThat(claimed.leaseExpiresAt()).isAfter(java.time.Instant.now().plusSeconds(50));
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(result(queue.claim(Set.of(kind), "b", LONG_LEASE))).isEmpty();
    }

    @Test
    @DisplayName("a lapsed lease goes to another owner, and the old owner's renewal then answers false")
    void lapsedLeaseIsTakenOver() {
        Job job = result(queue.enqueue(newJob()));
        result(queue.claim(Set.of(kind), "a", SHORT_LEASE));
        assertThat(result(queue.claim(Set.of(kind), "b", SHORT_LEASE))).isEmpty();

        sleep(SHORT_LEASE.plusMillis(100));
        Job takenOver = result(queue.claim(Set.of(kind), "b", LONG_LEASE)).orElseThrow();

        assertThat(takenOver.id()).isEqualTo(job.id());
        assertThat(takenOver.attempts()).isEqualTo(2);
        assertThat(result(queue.renew(job.id(), "a", LONG_LEASE))).isFalse();
        assertThat(result(queue.renew(job.id(), "b", LONG_LEASE))).isTrue();
        assertThat(result(queue.complete(job.id(), "a"))).isFalse();
    }

    @Test
    @DisplayName("a running job whose lease lapsed on its last attempt is never claimed again; giving up fails it and returns it once")
    void lapsedLastAttemptFails() {
        Job job = result(queue.enqueue(newJob().withMaxAttempts(1)));
        result(queue.claim(Set.of(kind), "a", SHORT_LEASE));
        sleep(SHORT_LEASE.plusMillis(100));

        assertThat(result(queue.claim(Set.of(kind), "b", LONG_LEASE))).isEmpty();
        List<Job> givenUp = result(queue.giveUpLapsed(Set.of(kind)));
        assertThat(result(queue.giveUpLapsed(Set.of(kind)))).isEmpty();

        assertThat(givenUp).extracting(Job::id).containsExactly(job.id());
        Job failed = result(queue.find(tenant, job.id())).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("lease of a expired on attempt 1 of 1");
        assertThat(failed.finishedAt()).isNotNull();
    }

    @Test
    @DisplayName("a checkpoint from an owner who lost the lease fails with LeaseLostException and rolls back its unit")
    void checkpointIsFencedByTheLease() {
        Job job = result(queue.enqueue(newJob()));
        result(queue.claim(Set.of(kind), "a", LONG_LEASE));

        Throwable lost = failure(pool.withTransaction(tx -> insertUnit(tx, job.id(), 1)
                .compose(v -> queue.checkpoint(tx, job.id(), "b", new JsonObject().put("next", 2)))));
        result(pool.withTransaction(tx -> insertUnit(tx, job.id(), 1)
                .compose(v -> queue.checkpoint(tx, job.id(), "a", new JsonObject().put("next", 2)))));

        assertThat(lost).isInstanceOf(LeaseLostException.class);
        assertThat(unitCount(job.id())).isEqualTo(1);
        assertThat(result(queue.find(tenant, job.id())).orElseThrow().checkpoint())
                .isEqualTo(new JsonObject().put("next", 2));
    }

    @Test
    @DisplayName("a job queued inside a caller's transaction rolls back with it")
    void enqueueJoinsTheCallersTransaction() {
        Throwable rolledBack = failure(pool.withTransaction(tx -> queue.enqueue(tx, newJob())
                .compose(job -> Future.failedFuture(new IllegalStateException("domain write failed")))));

        assertThat(rolledBack).hasMessage("domain write failed");
        assertThat(result(queue.claim(Set.of(kind), "a", LONG_LEASE))).isEmpty();
    }

    @Test
    @DisplayName("queueing a dedupe key that exists answers the existing job and queues nothing")
    void dedupeKeyQueuesOnce() {
        String key = "cleanup:" + UUID.randomUUID();
        Job first = result(queue.enqueue(newJob().withDedupeKey(key)));
        Job second = result(queue.enqueue(newJob().withDedupeKey(key)));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(result(queue.claim(Set.of(kind), "a", LONG_LEASE))).isPresent();
        assertThat(result(queue.claim(Set.of(kind), "a", LONG_LEASE))).isEmpty();
    }

    @Test
    @DisplayName("find and cancel are scoped by tenant: another tenant's job is not found and cannot be cancelled")
    void findAndCancelAreTenantScoped() {
        UUID otherTenant = UUID.randomUUID();
        result(pool.preparedQuery("INSERT INTO tenants(id) VALUES ($1)").execute(Tuple.of(otherTenant)));
        Job job = result(queue.enqueue(newJob()));

        assertThat(result(queue.find(otherTenant, job.id()))).isEmpty();
        assertThat(result(queue.cancel(otherTenant, job.id()))).isFalse();
        assertThat(result(queue.find(tenant, job.id()))).map(Job::status).contains(JobStatus.QUEUED);
        assertThat(result(queue.cancel(tenant, job.id()))).isTrue();
        assertThat(result(queue.find(tenant, job.id()))).map(Job::status).contains(JobStatus.CANCELLED);
    }

    @Test
    @DisplayName("the API view of a job is camelCase and leaves out what is absent")
    void jobJsonIsCamelCase() {
        Job job = result(queue.enqueue(newJob().withDedupeKey("k-" + UUID.randomUUID())));

        JsonObject json = job.toJson();

        assertThat(json.getString("tenantId")).isEqualTo(tenant.toString());
        assertThat(json.getString("status")).isEqualTo("queued");
        assertThat(json.getInteger("maxAttempts")).isEqualTo(NewJob.DEFAULT_MAX_ATTEMPTS);
        assertThat(json.getString("dedupeKey")).startsWith("k-");
        assertThat(json.fieldNames()).doesNotContain("checkpoint", "leaseOwner", "finishedAt");
    }

    private NewJob newJob() {
        return NewJob.forTenant(kind, tenant, new JsonObject().put("n", 1));
    }

    private Future<List<UUID>> claimUntilEmpty(String owner, List<UUID> claimed) {
        return queue.claim(Set.of(kind), owner, LONG_LEASE).compose(job -> {
            if (job.isEmpty()) {
                return Future.succeededFuture(claimed);
            }
            claimed.add(job.get().id());
            return claimUntilEmpty(owner, claimed);
        });
    }

    private static Future<Void> insertUnit(io.vertx.sqlclient.SqlConnection tx, UUID jobId, int unit) {
        return tx.preparedQuery("INSERT INTO test_units (job_id, unit) VALUES ($1, $2)")
                .execute(Tuple.of(jobId, unit)).mapEmpty();
    }

    private long unitCount(UUID jobId) {
        return result(pool.preparedQuery("SELECT count(*) FROM test_units WHERE job_id = $1")
                .execute(Tuple.of(jobId))).iterator().next().getLong(0);
    }
}
