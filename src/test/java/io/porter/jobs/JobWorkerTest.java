package io.porter.jobs;

import io.porter.config.PorterConfig;
import io.porter.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.porter.testing.Await.result;
import static io.porter.testing.Await.eventually;
import static io.porter.testing.Await.sleep;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class JobWorkerTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final PorterConfig.Jobs SHORT_LEASE = new PorterConfig.Jobs(2, Duration.ofSeconds(1), Duration.ofMillis(100));

    private Vertx vertx;
    private Pool pool;
    private JobQueue queue;
    private UUID tenant;
    private final List<JobWorker> workers = new ArrayList<>();

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        pool = db.pool(vertx);
        queue = new JobQueue(vertx, pool, new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(1)));
        tenant = UUID.randomUUID();
        result(pool.preparedQuery("INSERT INTO tenants(id) VALUES ($1)").execute(Tuple.of(tenant)));
        result(pool.query(UnitsHandler.CREATE_TABLE).execute());
        // Jobs left by an earlier test must not be picked up by this one's workers.
        result(pool.query("UPDATE job_queue SET status = 'cancelled' WHERE status IN ('queued', 'running')").execute());
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(worker -> result(worker.stop()));
    }

    @Test
    @DisplayName("a job whose worker stops renewing its lease is picked up by another worker and finished once")
    void frozenWorkersJobIsFinishedOnceByAnother() {
        Promise<Void> aReachedUnit3 = Promise.promise();
        Promise<Void> thawA = Promise.promise();
        UnitsHandler handlerA = new UnitsHandler(6, "A", unit -> {
            if (unit < 3) {
                return Future.succeededFuture();
            }
            aReachedUnit3.tryComplete();
            return thawA.future();
        });
        UnitsHandler handlerB = new UnitsHandler(6, "B");
        JobWorker workerA = startWorker("A", SHORT_LEASE, handlerA);
        Job job = result(queue.enqueue(NewJob.forTenant(UnitsHandler.KIND, tenant, new JsonObject()).withMaxAttempts(3)));

        result(aReachedUnit3.future());
        result(workerA.freeze());
        startWorker("B", SHORT_LEASE, handlerB);
        Job finished = eventually(() -> findJob(job.id()), j -> j.status().isFinal(), Duration.ofSeconds(5));
        thawA.complete();
        Throwable aNextUnit = result(handlerA.firstOutcome.future());

        assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(finished.attempts()).isEqualTo(2);
        assertThat(finished.leaseOwner()).isEqualTo("B");
        assertThat(finished.finishedAt()).isNotNull();
        assertThat(finished.checkpoint()).isEqualTo(new JsonObject().put("nextUnit", 6));
        assertThat(aNextUnit).isInstanceOf(LeaseLostException.class);
        assertThat(handlerB.outcomes).containsExactly(UnitsHandler.Success.INSTANCE);
        assertThat(unitOwners(job.id())).containsExactlyInAnyOrderEntriesOf(Map.of(
                0, List.of("A"), 1, List.of("A"), 2, List.of("A"),
                3, List.of("B"), 4, List.of("B"), 5, List.of("B")));
    }

    @Test
    @DisplayName("a queued job wakes an idle worker through the event bus long before its next poll")
    void enqueueWakesTheWorker() {
        UnitsHandler handler = new UnitsHandler(1, "W");
        startWorker("W", new PorterConfig.Jobs(1, Duration.ofSeconds(5), Duration.ofSeconds(60)), handler);

        Instant queuedAt = Instant.now();
        Job job = result(queue.enqueue(NewJob.forTenant(UnitsHandler.KIND, tenant, new JsonObject())));
        Job finished = eventually(() -> findJob(job.id()), j -> j.status().isFinal(), Duration.ofSeconds(2));

        assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(Duration.between(queuedAt, finished.finishedAt())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("a failing handler is retried with growing backoff, ends failed after its last attempt with the error, and is told once")
    void failingJobIsRetriedThenFailed() {
        List<Instant> attemptsAt = new CopyOnWriteArrayList<>();
        List<String> gaveUp = new CopyOnWriteArrayList<>();
        JobHandler failing = new JobHandler() {
            @Override
            public String kind() {
                return "test-failing";
            }

            @Override
            public Future<Void> run(JobContext ctx) {
                attemptsAt.add(Instant.now());
                return Future.failedFuture(new IllegalStateException("boom " + ctx.job().attempts()));
            }

            @Override
            public Future<Void> gaveUp(Job job, String reason) {
                gaveUp.add(job.id() + ": " + reason);
                return Future.succeededFuture();
            }
        };
        startWorker("F", new PorterConfig.Jobs(1, Duration.ofSeconds(5), Duration.ofMillis(50)), failing);

        Job job = result(queue.enqueue(NewJob.forTenant("test-failing", tenant, new JsonObject()).withMaxAttempts(3)));
        Job failed = eventually(() -> findJob(job.id()), j -> j.status().isFinal(), Duration.ofSeconds(5));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("boom 3");
        assertThat(attemptsAt).hasSize(3);
        assertThat(Duration.between(attemptsAt.get(0), attemptsAt.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(attemptsAt.get(1), attemptsAt.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        eventually(() -> Future.succeededFuture(gaveUp.size()), n -> n > 0, Duration.ofSeconds(5));
        assertThat(gaveUp).containsExactly(job.id() + ": boom 3");
    }

    @Test
    @DisplayName("a job whose lease lapses on its last attempt is failed by another worker's poll, which tells its handler once")
    void lapsedLastAttemptIsGivenUp() {
        Promise<Void> aReachedUnit1 = Promise.promise();
        Promise<Void> thawA = Promise.promise();
        UnitsHandler handlerA = new UnitsHandler(3, "A", unit -> {
            if (unit < 1) {
                return Future.succeededFuture();
            }
            aReachedUnit1.tryComplete();
            return thawA.future();
        });
        UnitsHandler handlerB = new UnitsHandler(3, "B");
        JobWorker workerA = startWorker("A", SHORT_LEASE, handlerA);
        Job job = result(queue.enqueue(NewJob.forTenant(UnitsHandler.KIND, tenant, new JsonObject()).withMaxAttempts(1)));

        result(aReachedUnit1.future());
        result(workerA.freeze());
        startWorker("B", SHORT_LEASE, handlerB);
        Job failed = eventually(() -> findJob(job.id()), j -> j.status().isFinal(), Duration.ofSeconds(5));
        eventually(() -> Future.succeededFuture(handlerB.gaveUp.size()), n -> n > 0, Duration.ofSeconds(5));
        sleep(Duration.ofMillis(500)); // several more polls: none may report it again
        thawA.complete();

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("lease of A expired on attempt 1 of 1");
        assertThat(handlerB.gaveUp).containsExactly(job.id() + ": lease of A expired on attempt 1 of 1");
        assertThat(handlerB.outcomes).isEmpty();
        assertThat(unitOwners(job.id())).containsOnlyKeys(0);
    }

    @Test
    @DisplayName("cancelling a running job stops its handler at the next unit, and nothing more is committed")
    void cancelStopsARunningJob() {
        Promise<Void> unit2Reached = Promise.promise();
        Promise<Void> goOn = Promise.promise();
        UnitsHandler handler = new UnitsHandler(100, "C", unit -> {
            if (unit < 2) {
                return Future.succeededFuture();
            }
            unit2Reached.tryComplete();
            return goOn.future();
        });
        startWorker("C", SHORT_LEASE, handler);
        Job job = result(queue.enqueue(NewJob.forTenant(UnitsHandler.KIND, tenant, new JsonObject())));

        result(unit2Reached.future());
        assertThat(result(queue.cancel(tenant, job.id()))).isTrue();
        goOn.complete();
        Throwable outcome = result(handler.firstOutcome.future());

        assertThat(outcome).isInstanceOf(LeaseLostException.class);
        assertThat(result(findJob(job.id())).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(unitOwners(job.id())).containsOnlyKeys(0, 1);
    }

    @Test
    @DisplayName("stopping a worker ends its running job before the next unit and puts it back in the queue, keeping the checkpoint and not counting the attempt")
    void stopReleasesTheJob() {
        Promise<Void> unit2Reached = Promise.promise();
        UnitsHandler handler = new UnitsHandler(100, "S", unit -> {
            if (unit == 2) {
                unit2Reached.tryComplete();
                return vertx.timer(100).mapEmpty();
            }
            return Future.succeededFuture();
        });
        JobWorker worker = startWorker("S", SHORT_LEASE, handler);
        Job job = result(queue.enqueue(NewJob.forTenant(UnitsHandler.KIND, tenant, new JsonObject())));

        result(unit2Reached.future());
        result(worker.stop());
        workers.remove(worker);

        Job released = result(findJob(job.id()));
        assertThat(handler.outcomes).singleElement().isInstanceOf(JobInterruptedException.class);
        assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(released.attempts()).isZero();
        assertThat(released.checkpoint()).isEqualTo(new JsonObject().put("nextUnit", 2));
        assertThat(unitOwners(job.id())).containsOnlyKeys(0, 1);
    }

    private JobWorker startWorker(String owner, PorterConfig.Jobs settings, JobHandler handler) {
        JobWorker worker = new JobWorker(vertx, queue, settings, owner, List.of(handler));
        result(worker.start());
        workers.add(worker);
        return worker;
    }

    private Future<Job> findJob(UUID id) {
        return queue.find(tenant, id).map(found -> found.orElseThrow());
    }

    private Map<Integer, List<String>> unitOwners(UUID jobId) {
        Iterable<Row> rows = result(pool.preparedQuery("SELECT unit, owner FROM test_units WHERE job_id = $1")
                .execute(Tuple.of(jobId)));
        return StreamSupport.stream(rows.spliterator(), false).collect(Collectors.groupingBy(
                row -> row.getInteger("unit"), Collectors.mapping(row -> row.getString("owner"), Collectors.toList())));
    }
}
