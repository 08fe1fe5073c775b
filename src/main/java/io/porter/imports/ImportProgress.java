package io.porter.imports;

import io.porter.jobs.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes import progress on {@link Addresses#IMPORT_PROGRESS}: at most every 250 ms per job while
 * it runs, and always once at the end, so listeners see movement without a message per batch. The
 * end also publishes the job's completion on {@link Addresses#JOBS_COMPLETED}.
 */
final class ImportProgress {

    static final long MIN_INTERVAL_MS = 250;

    private final Vertx vertx;
    private final Map<UUID, Totals> running = new HashMap<>();

    ImportProgress(Vertx vertx) {
        this.vertx = vertx;
    }

    private static final class Totals {
        long processed;
        long created;
        long updated;
        long skipped;
        long errors;
        long lastPublished;
    }

    void batch(ImportJob job, ImportJobs.BatchCounts counts, long bytesRead) {
        Totals totals = running.computeIfAbsent(job.id(), id -> startingFrom(job));
        totals.processed += counts.processed();
        totals.created += counts.created();
        totals.updated += counts.updated();
        totals.skipped += counts.skipped();
        totals.errors += counts.errors();
        long now = System.currentTimeMillis();
        if (now - totals.lastPublished < MIN_INTERVAL_MS) {
            return;
        }
        totals.lastPublished = now;
        double fraction = job.fileSize() == null || job.fileSize() <= 0 ? 0 : Math.min(0.99, (double) bytesRead / job.fileSize());
        vertx.eventBus().publish(Addresses.IMPORT_PROGRESS, new JsonObject()
                .put("jobId", job.id().toString())
                .put("tenantId", job.tenantId().toString())
                .put("kind", "import")
                .put("status", "processing")
                .put("terminal", false)
                .put("processedRows", totals.processed)
                .put("totalRows", null)
                .put("created", totals.created)
                .put("updated", totals.updated)
                .put("skipped", totals.skipped)
                .put("errors", totals.errors)
                .put("progress", fraction));
    }

    /**
     * A rollback's running totals ({@code deleted}, {@code restored}, {@code conflictCount}), at most
     * every 250 ms. The import's own counts are not repeated: listeners have them from its state.
     */
    void rollingBack(UUID tenantId, UUID importId, JsonObject rollback) {
        Totals totals = running.computeIfAbsent(importId, id -> new Totals());
        long now = System.currentTimeMillis();
        if (now - totals.lastPublished < MIN_INTERVAL_MS) {
            return;
        }
        totals.lastPublished = now;
        vertx.eventBus().publish(Addresses.IMPORT_PROGRESS, new JsonObject()
                .put("jobId", importId.toString())
                .put("tenantId", tenantId.toString())
                .put("kind", "import")
                .put("status", "rolling_back")
                .put("terminal", false)
                .put("rollback", new JsonObject().put("deleted", rollback.getInteger("deleted"))
                        .put("restored", rollback.getInteger("restored"))
                        .put("conflictCount", rollback.getInteger("conflictCount"))));
    }

    /** The terminal state of an import (completed, failed, cancelled): its last progress message and its completion. */
    void finished(ImportJob job) {
        publishFinal(job);
        ImportCompletions.imported(job).publish(vertx.eventBus());
    }

    /** The end of a rollback: the import's last progress message ({@code rolled_back}) and the rollback's completion. */
    void rolledBack(ImportJob job, UUID requestedBy) {
        publishFinal(job);
        ImportCompletions.rolledBack(job, requestedBy).publish(vertx.eventBus());
    }

    /** A rollback the queue gave up on: the import's state (back to what it was) and the rollback's failed completion. */
    void rollbackFailed(ImportJob job, UUID requestedBy, String reason) {
        publishFinal(job);
        ImportCompletions.rollbackFailed(job, requestedBy, reason).publish(vertx.eventBus());
    }

    /** A run that stopped without finishing (lease lost, cancelled, node stopping) leaves no totals behind. */
    void forget(UUID jobId) {
        running.remove(jobId);
    }

    private void publishFinal(ImportJob job) {
        running.remove(job.id());
        vertx.eventBus().publish(Addresses.IMPORT_PROGRESS, job.progressJson().put("progress", 1.0));
    }

    private static Totals startingFrom(ImportJob job) {
        Totals totals = new Totals();
        totals.processed = job.processedRows();
        totals.created = job.createdCount();
        totals.updated = job.updatedCount();
        totals.skipped = job.skippedCount();
        totals.errors = job.errorCount();
        return totals;
    }
}
