package io.porter.imports;

import io.porter.jobs.JobCompleted;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The completion messages of imports and rollbacks: final counts and the API paths of the import. */
final class ImportCompletions {

    private ImportCompletions() {
    }

    /** An import that completed, failed or was cancelled. */
    static JobCompleted imported(ImportJob job) {
        JsonObject counts = new JsonObject()
                .put("totalRows", job.totalRows())
                .put("processedRows", job.processedRows())
                .put("created", job.createdCount())
                .put("updated", job.updatedCount())
                .put("skipped", job.skippedCount())
                .put("errors", job.errorCount());
        return new JobCompleted(job.id(), job.tenantId(), job.createdBy(), ImportHandler.KIND, job.status(), counts,
                job.completedAt(), links(job), "failed".equals(job.status()) ? failureReason(job) : null);
    }

    /** A rollback that ended: what it deleted and restored, and the contacts it left because they changed since. */
    static JobCompleted rolledBack(ImportJob job, UUID requestedBy) {
        JsonObject outcome = job.rollback() == null ? new JsonObject() : job.rollback();
        JsonObject counts = new JsonObject()
                .put("deleted", outcome.getInteger("deleted", 0))
                .put("restored", outcome.getInteger("restored", 0))
                .put("conflicts", outcome.getInteger("conflictCount", 0));
        return new JobCompleted(job.id(), job.tenantId(), requestedBy, RollbackHandler.KIND, job.status(), counts,
                job.rolledBackAt(), links(job), null);
    }

    /** A rollback the queue gave up on after its attempts: what it had undone so far, and why it stopped. */
    static JobCompleted rollbackFailed(ImportJob job, UUID requestedBy, String reason) {
        JobCompleted partial = rolledBack(job, requestedBy);
        return new JobCompleted(job.id(), job.tenantId(), requestedBy, RollbackHandler.KIND, "failed", partial.counts(),
                Instant.now(), links(job), reason);
    }

    private static Map<String, String> links(ImportJob job) {
        String path = "/api/contacts/import/" + job.id();
        return Map.of("job", path, "errors", path + "/errors");
    }

    private static String failureReason(ImportJob job) {
        if (job.errors() == null || job.errors().isEmpty() || !(job.errors().getValue(0) instanceof JsonObject first)) {
            return null;
        }
        return first.getString("error");
    }
}
