package io.porter.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.util.function.Function;

/** What a {@link JobHandler} sees of the job it runs, and how it commits its work. */
public final class JobContext {

    enum StopReason { LEASE_LOST, WORKER_STOPPING }

    private final Job job;
    private final JobQueue queue;
    private final String owner;
    private JsonObject checkpoint;
    private volatile StopReason stopReason;

    JobContext(Job job, JobQueue queue, String owner) {
        this.job = job;
        this.queue = queue;
        this.owner = owner;
        this.checkpoint = job.checkpoint();
    }

    public Job job() {
        return job;
    }

    /** The last committed checkpoint, where a resumed job starts; null before the first unit. */
    public JsonObject checkpoint() {
        return checkpoint;
    }

    /** True when the lease was lost (another worker took over, or the job was cancelled) or the worker is stopping. */
    public boolean stopRequested() {
        return stopReason != null;
    }

    /**
     * Runs one unit of work and records {@code nextCheckpoint} of its result in one transaction, fenced
     * by the lease: if this worker no longer holds it, nothing of the unit commits and the future fails
     * with {@link LeaseLostException}. Fails with {@link JobInterruptedException} without starting when
     * the worker is stopping. Handlers return either failure as it is.
     */
    public <T> Future<T> commitUnit(Function<SqlConnection, Future<T>> work, Function<T, JsonObject> nextCheckpoint) {
        if (stopReason == StopReason.LEASE_LOST) {
            return Future.failedFuture(new LeaseLostException(job.id(), owner));
        }
        if (stopReason == StopReason.WORKER_STOPPING) {
            return Future.failedFuture(new JobInterruptedException(job.id()));
        }
        JsonObject[] committed = new JsonObject[1];
        return queue.withLease(job.id(), owner, tx -> work.apply(tx).compose(result -> {
                    committed[0] = nextCheckpoint.apply(result);
                    return queue.checkpoint(tx, job.id(), owner, committed[0]).map(result);
                }))
                .onSuccess(result -> checkpoint = committed[0])
                .onFailure(this::noticeLeaseLost);
    }

    private void noticeLeaseLost(Throwable failure) {
        if (failure instanceof LeaseLostException) {
            requestStop(StopReason.LEASE_LOST);
        }
    }

    void requestStop(StopReason reason) {
        if (stopReason != StopReason.LEASE_LOST) {
            stopReason = reason;
        }
    }

    StopReason stopReason() {
        return stopReason;
    }
}
