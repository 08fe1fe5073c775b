package io.porter.imports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A row of {@code import_jobs}, and its API view in camelCase; {@code createdBy} is the user who started it. */
public record ImportJob(UUID id, UUID tenantId, String fileName, Long fileSize, String fileUrl, String fileType,
                        JsonObject fieldMapping, JsonObject options, String status, int totalRows,
                        int processedRows, int importedCount, int createdCount, int updatedCount,
                        int skippedCount, int errorCount, JsonArray errors, Instant startedAt,
                        Instant completedAt, Instant createdAt, boolean canRollback, Instant rolledBackAt,
                        UUID segmentId, JsonObject rollback, UUID createdBy) {

    public static ImportJob fromRow(Row row) {
        return new ImportJob(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("file_name"),
                row.getLong("file_size"), row.getString("file_url"), row.getString("file_type"),
                (JsonObject) row.getValue("field_mapping"), (JsonObject) row.getValue("import_options"),
                row.getString("status"), row.getInteger("total_rows"), row.getInteger("processed_rows"),
                row.getInteger("imported_count"), row.getInteger("created_count"), row.getInteger("updated_count"),
                row.getInteger("skipped_count"), row.getInteger("error_count"), (JsonArray) row.getValue("errors"),
                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("completed_at")),
                instant(row.getOffsetDateTime("created_at")), row.getBoolean("can_rollback"),
                instant(row.getOffsetDateTime("rolled_back_at")), row.getUUID("segment_id"),
                (JsonObject) row.getValue("rollback"), row.getUUID("created_by"));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("status", status)
                .put("fileName", fileName)
                .put("fileSize", fileSize)
                .put("fileUrl", fileUrl)
                .put("fileType", fileType)
                .put("fieldMapping", fieldMapping)
                .put("options", options)
                .put("totalRows", totalRows)
                .put("processedRows", processedRows)
                .put("importedCount", importedCount)
                .put("createdCount", createdCount)
                .put("updatedCount", updatedCount)
                .put("skippedCount", skippedCount)
                .put("errorCount", errorCount)
                .put("errors", errors)
                .put("startedAt", text(startedAt))
                .put("completedAt", text(completedAt))
                .put("createdAt", text(createdAt))
                .put("canRollback", canRollback)
                .put("rolledBackAt", text(rolledBackAt))
                .put("segmentId", segmentId == null ? null : segmentId.toString())
                .put("rollback", rollback);
    }

    /** The 202 answer to a new import: the job id and its (zero) counts. */
    public JsonObject acceptedJson() {
        return new JsonObject().put("jobId", id.toString()).put("status", status).put("totalRows", totalRows)
                .put("imported", importedCount).put("created", createdCount).put("updated", updatedCount)
                .put("skipped", skippedCount).put("errors", errors);
    }

    /**
     * The job as a progress message (docs/event-bus.md): what a listener who joins late is sent first.
     * While the job runs, {@code progress} is unknown here (only the running importer knows how much of
     * the file it has read), so it is null until the next live message.
     */
    public JsonObject progressJson() {
        boolean terminal = TERMINAL.contains(status);
        Double fraction = terminal ? Double.valueOf(1.0) : "pending".equals(status) ? Double.valueOf(0.0) : null;
        return new JsonObject()
                .put("jobId", id.toString())
                .put("tenantId", tenantId.toString())
                .put("kind", "import")
                .put("status", status)
                .put("terminal", terminal)
                .put("processedRows", processedRows)
                .put("totalRows", terminal ? Integer.valueOf(totalRows) : null)
                .put("created", createdCount)
                .put("updated", updatedCount)
                .put("skipped", skippedCount)
                .put("errors", errorCount)
                .put("progress", fraction);
    }

    /** Statuses after which nothing moves (a completed import may still be rolled back: a new run). */
    static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "rolled_back");

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
