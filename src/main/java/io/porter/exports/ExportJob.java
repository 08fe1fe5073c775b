package io.porter.exports;

import io.porter.jobs.JobCompleted;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A row of {@code export_jobs}, and its API view in camelCase; {@code createdBy} is the user who asked for it. */
public record ExportJob(UUID id, UUID tenantId, String exportType, JsonObject filters, JsonArray selectedFields,
                        String fileFormat, String fileUrl, Long fileSize, String status, int totalContacts,
                        int processedContacts, Instant startedAt, Instant completedAt, Instant expiresAt,
                        Instant createdAt, UUID segmentId, JsonObject options, String error, UUID createdBy) {

    static ExportJob fromRow(Row row) {
        return new ExportJob(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("export_type"),
                (JsonObject) row.getValue("filters"), (JsonArray) row.getValue("selected_fields"),
                row.getString("file_format"), row.getString("file_url"), row.getLong("file_size"),
                row.getString("status"), row.getInteger("total_contacts"), row.getInteger("processed_contacts"),
                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("completed_at")),
                instant(row.getOffsetDateTime("expires_at")), instant(row.getOffsetDateTime("created_at")),
                row.getUUID("segment_id"), (JsonObject) row.getValue("export_options"), row.getString("error"),
                row.getUUID("created_by"));
    }

    /** The API view; {@code fileUrl} is internal (downloads go through signed links). */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("status", status)
                .put("exportType", exportType)
                .put("fileFormat", fileFormat)
                .put("filters", filters)
                .put("segmentId", segmentId == null ? null : segmentId.toString())
                .put("selectedFields", selectedFields)
                .put("includeCustomFields", options.getBoolean("includeCustomFields", false))
                .put("includeEngagementMetrics", options.getBoolean("includeEngagementMetrics", false))
                .put("csvSafe", options.getBoolean("csvSafe", true))
                .put("totalContacts", totalContacts)
                .put("processedContacts", processedContacts)
                .put("fileSize", fileSize)
                .put("startedAt", text(startedAt))
                .put("completedAt", text(completedAt))
                .put("expiresAt", text(expiresAt))
                .put("createdAt", text(createdAt))
                .put("error", error);
    }

    /** The completion message of an export that ended: its counts, and the download path once completed. */
    JobCompleted completion() {
        String path = "/api/contacts/export/" + id;
        Map<String, String> links = "completed".equals(status)
                ? Map.of("job", path, "download", path + "/download")
                : Map.of("job", path);
        JsonObject counts = new JsonObject().put("totalContacts", totalContacts).put("processedContacts", processedContacts)
                .put("fileSize", fileSize);
        return new JobCompleted(id, tenantId, createdBy, ExportHandler.KIND, status, counts, completedAt, links, error);
    }

    /** Statuses after which nothing moves. */
    static final Set<String> TERMINAL = Set.of("completed", "failed", "expired");

    /** The job as a progress message (docs/event-bus.md): what a listener who joins late is sent first. */
    JsonObject progressJson() {
        boolean terminal = TERMINAL.contains(status);
        return new JsonObject().put("jobId", id.toString()).put("tenantId", tenantId.toString())
                .put("kind", "export").put("status", status).put("terminal", terminal)
                .put("processedContacts", processedContacts).put("totalContacts", totalContacts)
                .put("progress", terminal ? 1.0 : totalContacts == 0 ? 0.0 : (double) processedContacts / totalContacts);
    }

    /** What the http role needs to serve a download: the view plus the stored file's URL. */
    JsonObject toInternalJson() {
        return toJson().put("fileUrl", fileUrl).put("tenantId", tenantId.toString());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
