package io.porter.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The durable job queue in {@code job_queue}. Every change of a running job is fenced by its lease:
 * it applies only while the caller's owner holds the job in state running, so a worker that lost its
 * lease (it froze, another took over) cannot complete, fail or checkpoint it.
 */
public final class JobQueue {

    private static final String COLUMNS = """
            id, kind, tenant_id, subject_id, payload, dedupe_key, status, run_after, lease_owner,
            lease_expires_at, attempts, max_attempts, checkpoint, last_error, created_at, started_at, finished_at""";

    /** ON CONFLICT DO NOTHING returns no row when the dedupe key exists; {@link #FIND_BY_DEDUPE_KEY} then answers. */
    private static final String INSERT = """
            INSERT INTO job_queue (id, kind, tenant_id, subject_id, payload, dedupe_key, run_after, max_attempts)
            VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, now()), $8)
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING\s""" + COLUMNS;

    private static final String FIND_BY_DEDUPE_KEY =
            "SELECT " + COLUMNS + " FROM job_queue WHERE dedupe_key = $1";

    /*
     * Picks one due queued job, or a running one whose lease lapsed (its worker died) with attempts
     * left; SKIP LOCKED lets concurrent claimers pass each other instead of queueing on the same row.
     * A worker never takes back its own lapsed lease: its handler may still be running (a long pause),
     * and renewing is how it recovers.
     */
    private static final String CLAIM = """
            WITH candidate AS (
                SELECT id FROM job_queue
                WHERE kind = ANY($1::text[])
                  AND ((status = 'queued' AND run_after <= now())
                    OR (status = 'running' AND lease_expires_at < now() AND attempts < max_attempts
                        AND lease_owner <> $2))
                ORDER BY run_after, created_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            )
            UPDATE job_queue j
            SET status = 'running', lease_owner = $2, lease_expires_at = now() + $3::bigint * interval '1 millisecond',
                attempts = j.attempts + 1, started_at = coalesce(j.started_at, now())
            FROM candidate
            WHERE j.id = candidate.id
            RETURNING\s""" + qualified("j");

    /** Running jobs whose lease lapsed on their last attempt: failed, so their handler can say so. */
    private static final String GIVE_UP_LAPSED = """
            UPDATE job_queue
            SET status = 'failed', finished_at = now(), lease_expires_at = NULL,
                last_error = 'lease of ' || lease_owner || ' expired on attempt ' || attempts || ' of ' || max_attempts
            WHERE id IN (
                SELECT id FROM job_queue
                WHERE status = 'running' AND kind = ANY($1::text[])
                  AND lease_expires_at < now() AND attempts >= max_attempts
                FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + COLUMNS;

    private static final String RENEW = """
            UPDATE job_queue SET lease_expires_at = now() + $3::bigint * interval '1 millisecond'
            WHERE id = $1 AND lease_owner = $2 AND status = 'running'""";

    /** Locks the job row for the rest of the caller's transaction, so no one can take the lease meanwhile. */
    private static final String HOLD_LEASE = """
            SELECT 1 FROM job_queue WHERE id = $1 AND lease_owner = $2 AND status = 'running' FOR UPDATE""";

    private static final String CHECKPOINT = """
            UPDATE job_queue SET checkpoint = $3
            WHERE id = $1 AND lease_owner = $2 AND status = 'running'""";

    private static final String COMPLETE = """
            UPDATE job_queue SET status = 'succeeded', finished_at = now(), lease_expires_at = NULL
            WHERE id = $1 AND lease_owner = $2 AND status = 'running'""";

    private static final String FAIL = """
            UPDATE job_queue
            SET status = CASE WHEN $4 AND attempts < max_attempts THEN 'queued' ELSE 'failed' END,
                run_after = CASE WHEN $4 AND attempts < max_attempts
                    THEN now() + least($5::bigint * power(2, attempts - 1), $6::bigint) * interval '1 millisecond'
                    ELSE run_after END,
                finished_at = CASE WHEN $4 AND attempts < max_attempts THEN NULL ELSE now() END,
                lease_owner = CASE WHEN $4 AND attempts < max_attempts THEN NULL ELSE lease_owner END,
                lease_expires_at = NULL,
                last_error = $3
            WHERE id = $1 AND lease_owner = $2 AND status = 'running'
            RETURNING status""";

    /** A graceful stop does not count as an attempt. */
    private static final String RELEASE = """
            UPDATE job_queue
            SET status = 'queued', run_after = now(), lease_owner = NULL, lease_expires_at = NULL,
                attempts = attempts - 1
            WHERE id = $1 AND lease_owner = $2 AND status = 'running'""";

    private static final String CANCEL = """
            UPDATE job_queue SET status = 'cancelled', finished_at = now(), lease_expires_at = NULL
            WHERE id = $1 AND tenant_id = $2 AND status IN ('queued', 'running')""";

    private static final String CANCEL_SUBJECT = """
            UPDATE job_queue SET status = 'cancelled', finished_at = now(), lease_expires_at = NULL
            WHERE subject_id = $1 AND tenant_id = $2 AND kind = $3 AND status IN ('queued', 'running')""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM job_queue WHERE id = $1 AND tenant_id = $2";

    private final Vertx vertx;
    private final Pool pool;
    private final RetryBackoff backoff;
    private final PreparedQuery<RowSet<Job>> claim;
    private final PreparedQuery<RowSet<Job>> giveUpLapsed;
    private final PreparedQuery<RowSet<Row>> renew;
    private final PreparedQuery<RowSet<Row>> complete;
    private final PreparedQuery<RowSet<Row>> fail;
    private final PreparedQuery<RowSet<Row>> release;
    private final PreparedQuery<RowSet<Row>> cancel;
    private final PreparedQuery<RowSet<Job>> find;

    public JobQueue(Vertx vertx, Pool pool) {
        this(vertx, pool, RetryBackoff.DEFAULT);
    }

    public JobQueue(Vertx vertx, Pool pool, RetryBackoff backoff) {
        this.vertx = vertx;
        this.pool = pool;
        this.backoff = backoff;
        this.claim = pool.preparedQuery(CLAIM).mapping(Job::fromRow);
        this.giveUpLapsed = pool.preparedQuery(GIVE_UP_LAPSED).mapping(Job::fromRow);
        this.renew = pool.preparedQuery(RENEW);
        this.complete = pool.preparedQuery(COMPLETE);
        this.fail = pool.preparedQuery(FAIL);
        this.release = pool.preparedQuery(RELEASE);
        this.cancel = pool.preparedQuery(CANCEL);
        this.find = pool.preparedQuery(FIND).mapping(Job::fromRow);
    }

    /**
     * Queues a job and, after it committed, wakes the workers of its kind. When a job with the same
     * dedupe key exists (in any state), nothing is queued and the existing job is returned: compare
     * ids to tell.
     */
    public Future<Job> enqueue(NewJob job) {
        return insert(pool, job).onSuccess(queued -> notifyQueued(queued.kind()));
    }

    /**
     * Queues a job inside the caller's transaction, so a domain row and its queue row commit together.
     * The caller calls {@link #notifyQueued} once the transaction committed. Dedupe as in {@link #enqueue(NewJob)}.
     */
    public Future<Job> enqueue(SqlConnection tx, NewJob job) {
        return insert(tx, job);
    }

    /** Tells every node's workers of this kind to claim now rather than at their next poll. */
    public void notifyQueued(String kind) {
        vertx.eventBus().publish(Addresses.JOBS_QUEUED, new JsonObject().put("kind", kind));
    }

    /**
     * Claims one due job of these kinds for {@code owner}: a queued one, or a running one whose lease
     * lapsed. Sets it running with a fresh lease and counts the attempt.
     */
    public Future<Optional<Job>> claim(Set<String> kinds, String owner, Duration lease) {
        return claim.execute(Tuple.of(kinds.toArray(String[]::new), owner, lease.toMillis()))
                .map(JobQueue::firstOf);
    }

    /**
     * Fails the running jobs of these kinds whose lease lapsed on their last attempt (their worker
     * died every time) and returns them, so the caller can record the failure on their subject.
     */
    public Future<List<Job>> giveUpLapsed(Set<String> kinds) {
        return giveUpLapsed.execute(Tuple.of(kinds.toArray(String[]::new))).map(JobQueue::all);
    }

    /** Extends the lease; false when the lease was lost (another owner, or the job is no longer running). */
    public Future<Boolean> renew(UUID jobId, String owner, Duration lease) {
        return renew.execute(Tuple.of(jobId, owner, lease.toMillis())).map(JobQueue::changedOne);
    }

    /**
     * Runs {@code work} in one transaction that first locks the job row and checks that {@code owner}
     * holds its lease; fails with {@link LeaseLostException} (and rolls back) otherwise.
     */
    public <T> Future<T> withLease(UUID jobId, String owner, Function<SqlConnection, Future<T>> work) {
        // The work's statements follow the lock without waiting for its answer (the client pipelines
        // them): PostgreSQL runs them after the lock, and when the lease turns out lost the unit fails
        // with LeaseLostException and rolls back whole.
        return pool.withTransaction(tx -> {
            Future<Void> held = holdLease(tx, jobId, owner);
            Future<T> done;
            try {
                done = work.apply(tx);
            } catch (RuntimeException e) {
                done = Future.failedFuture(e);
            }
            Future<T> result = done;
            return held.compose(locked -> result);
        });
    }

    /** Locks the job row in {@code tx}; fails with {@link LeaseLostException} unless {@code owner} holds a running lease. */
    public Future<Void> holdLease(SqlConnection tx, UUID jobId, String owner) {
        return tx.preparedQuery(HOLD_LEASE).execute(Tuple.of(jobId, owner))
                .compose(rows -> fenced(rows.size() == 1, jobId, owner));
    }

    /**
     * Records the checkpoint in {@code tx}, only while {@code owner} holds a running lease; otherwise
     * fails with {@link LeaseLostException} so the caller's whole unit of work rolls back.
     */
    public Future<Void> checkpoint(SqlConnection tx, UUID jobId, String owner, JsonObject checkpoint) {
        return tx.preparedQuery(CHECKPOINT).execute(Tuple.of(jobId, owner, checkpoint))
                .compose(rows -> fenced(rows.rowCount() == 1, jobId, owner));
    }

    /** Marks the job succeeded; false when {@code owner} no longer held it. */
    public Future<Boolean> complete(UUID jobId, String owner) {
        return complete.execute(Tuple.of(jobId, owner)).map(JobQueue::changedOne);
    }

    /**
     * Records the error. With {@code retry} and attempts left the job is queued again after a backoff,
     * otherwise it is failed. The job's new status, or empty when {@code owner} no longer held it.
     */
    public Future<Optional<JobStatus>> fail(UUID jobId, String owner, String error, boolean retry) {
        Tuple args = Tuple.of(jobId, owner, error, retry, backoff.initial().toMillis(), backoff.max().toMillis());
        return fail.execute(args).map(rows -> rows.size() == 0
                ? Optional.empty()
                : Optional.of(JobStatus.fromDb(rows.iterator().next().getString("status"))));
    }

    /** Puts a running job back in the queue at once, without counting the attempt (the worker is stopping). */
    public Future<Boolean> release(UUID jobId, String owner) {
        return release.execute(Tuple.of(jobId, owner)).map(JobQueue::changedOne);
    }

    /**
     * Cancels a queued or running job of this tenant; true when it was cancelled now. A running worker
     * notices at its next renewal or unit of work and stops.
     */
    /** Cancels the queued or running jobs of one kind about one subject (e.g. an import's run). */
    public Future<Integer> cancelSubject(UUID tenantId, UUID subjectId, String kind) {
        return pool.preparedQuery(CANCEL_SUBJECT).execute(Tuple.of(subjectId, tenantId, kind)).map(RowSet::rowCount);
    }

    public Future<Boolean> cancel(UUID tenantId, UUID jobId) {
        return cancel.execute(Tuple.of(jobId, tenantId)).map(JobQueue::changedOne);
    }

    /** The job, if it belongs to this tenant; another tenant's job is not found. */
    public Future<Optional<Job>> find(UUID tenantId, UUID jobId) {
        return find.execute(Tuple.of(jobId, tenantId)).map(JobQueue::firstOf);
    }

    private Future<Job> insert(SqlClient client, NewJob job) {
        Tuple args = Tuple.of(UUID.randomUUID(), job.kind(), job.tenantId(), job.subjectId(), job.payload(),
                job.dedupeKey(), job.runAfter() == null ? null : job.runAfter().atOffset(ZoneOffset.UTC),
                job.maxAttempts());
        return client.preparedQuery(INSERT).mapping(Job::fromRow).execute(args)
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(rows.iterator().next())
                        : existing(client, job.dedupeKey()));
    }

    private Future<Job> existing(SqlClient client, String dedupeKey) {
        return client.preparedQuery(FIND_BY_DEDUPE_KEY).mapping(Job::fromRow).execute(Tuple.of(dedupeKey))
                .map(rows -> rows.iterator().next());
    }

    private static Future<Void> fenced(boolean held, UUID jobId, String owner) {
        return held ? Future.succeededFuture() : Future.failedFuture(new LeaseLostException(jobId, owner));
    }

    private static List<Job> all(RowSet<Job> rows) {
        List<Job> jobs = new ArrayList<>(rows.size());
        rows.forEach(jobs::add);
        return jobs;
    }

    private static Optional<Job> firstOf(RowSet<Job> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }

    private static boolean changedOne(RowSet<Row> rows) {
        return rows.rowCount() == 1;
    }

    private static String qualified(String alias) {
        return alias + "." + COLUMNS.replaceAll(",\\s*", ", " + alias + ".");
    }
}
