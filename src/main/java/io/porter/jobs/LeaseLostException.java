package io.porter.jobs;

import java.util.UUID;

/**
 * This worker no longer holds the job's lease: another worker claimed it after the lease lapsed, or
 * the job was cancelled or finished. The unit of work that met it must roll back.
 */
public final class LeaseLostException extends RuntimeException {

    public LeaseLostException(UUID jobId, String owner) {
        super("lease on job " + jobId + " is no longer held by " + owner, null, false, false);
    }
}
