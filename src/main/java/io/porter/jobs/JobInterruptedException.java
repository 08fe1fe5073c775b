package io.porter.jobs;

import java.util.UUID;

/** The worker is stopping; the job goes back to the queue and resumes from its last checkpoint elsewhere. */
public final class JobInterruptedException extends RuntimeException {

    public JobInterruptedException(UUID jobId) {
        super("job " + jobId + " interrupted: worker stopping", null, false, false);
    }
}
