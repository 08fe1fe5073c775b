package io.porter.jobs;

/** Event-bus addresses shared across the cluster. */
public final class Addresses {

    /** A wake-up after a job was queued; body {@code {"kind": ...}}. Workers of that kind claim at once. */
    public static final String JOBS_QUEUED = "porter.jobs.queued";

    private Addresses() {
    }
}
