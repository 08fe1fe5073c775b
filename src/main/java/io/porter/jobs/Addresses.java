package io.porter.jobs;

/**
 * Event-bus addresses shared across the cluster, in one place. Requests carry a {@link BusRequest}
 * (tenant, user, body); failures come back as {@code ReplyException}s with a {@link BusErrors} code.
 * docs/event-bus.md describes each message.
 */
public final class Addresses {

    /** A wake-up after a job was queued; body {@code {"kind": ...}}. Workers of that kind claim at once. */
    public static final String JOBS_QUEUED = "porter.jobs.queued";

    /**
     * Published once when an import, an export or a rollback reaches its terminal state: a
     * {@link JobCompleted} with the final counts and the API paths to follow.
     */
    public static final String JOBS_COMPLETED = "porter.jobs.completed";

    /** Request: start an import. Body: the import request JSON. Reply: the import job JSON. */
    public static final String IMPORT_START = "porter.imports.start";
    /** Request: preview a stored file. Body {@code {"fileUrl", "fileType"?}}. Reply: the preview JSON. */
    public static final String IMPORT_PREVIEW = "porter.imports.preview";
    /** Request: one import job. Body {@code {"jobId"}}. Reply: the job JSON. */
    public static final String IMPORT_GET = "porter.imports.get";
    /** Request: one import job as a progress message (its current state). Body {@code {"jobId"}}. */
    public static final String IMPORT_STATE = "porter.imports.state";
    /** Request: the tenant's import jobs. Body {@code {"limit", "cursor"?}}. Reply {@code {"items", "nextCursor"}}. */
    public static final String IMPORT_LIST = "porter.imports.list";
    /** Request: cancel an import. Body {@code {"jobId"}}. Reply: the job JSON. */
    public static final String IMPORT_CANCEL = "porter.imports.cancel";
    /** Request: roll an import back. Body {@code {"jobId", "force"?}}. Reply: the job JSON. */
    public static final String IMPORT_ROLLBACK = "porter.imports.rollback";
    /** Request: write the error report to the store. Body {@code {"jobId"}}. Reply {@code {"fileUrl", "fileName"}}. */
    public static final String IMPORT_ERROR_REPORT = "porter.imports.errors";
    /** Published: progress of an import or rollback (see docs/event-bus.md for the fields). */
    public static final String IMPORT_PROGRESS = "porter.imports.progress";

    /** Request: start an export. Body: the export request JSON. Reply {@code {"jobId", "status"}}. */
    public static final String EXPORT_START = "porter.exports.start";
    /** Request: one export job. Body {@code {"jobId"}}. Reply: the job JSON (with {@code fileUrl} when completed). */
    public static final String EXPORT_GET = "porter.exports.get";
    /** Request: one export job as a progress message (its current state). Body {@code {"jobId"}}. */
    public static final String EXPORT_STATE = "porter.exports.state";
    /** Request: the tenant's export jobs. Body {@code {"limit", "cursor"?}}. Reply {@code {"items", "nextCursor"}}. */
    public static final String EXPORT_LIST = "porter.exports.list";
    /** Published: progress of an export (same fields as import progress, with processedContacts). */
    public static final String EXPORT_PROGRESS = "porter.exports.progress";
    /** Request: run a cleanup pass now. Body {@code {}}. Reply: what was removed. */
    public static final String CLEANUP_RUN = "porter.cleanup.run";

    private Addresses() {
    }
}
