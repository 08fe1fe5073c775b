package io.porter.jobs;

import io.vertx.core.Future;

/**
 * Runs the jobs of one kind. A handler does its work in units through {@link JobContext#commitUnit},
 * starting from {@link JobContext#checkpoint()}, so a job taken over by another worker resumes where
 * the last committed unit left it. A run may happen more than once; only committed units count.
 */
public interface JobHandler {

    String kind();

    /**
     * Succeeds when the job is done. Fails with {@link LeaseLostException} or {@link JobInterruptedException}
     * (as {@code commitUnit} does) when it stopped early; any other failure is retried with backoff.
     */
    Future<Void> run(JobContext ctx);

    /**
     * The queue stopped retrying this job (its attempts ran out, by failures or by leases that lapsed
     * because its workers died): record the failure on the job's subject so it does not look running
     * forever. Runs on any node of this kind, once per job.
     */
    default Future<Void> gaveUp(Job job, String reason) {
        return Future.succeededFuture();
    }
}
