package io.porter.jobs;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.RowMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One row of {@code job_queue}. {@code checkpoint} is null until the handler commits its first unit. */
public record Job(
        UUID id,
        String kind,
        UUID tenantId,
        UUID subjectId,
        JsonObject payload,
        String dedupeKey,
        JobStatus status,
        Instant runAfter,
        String leaseOwner,
        Instant leaseExpiresAt,
        int attempts,
        int maxAttempts,
        JsonObject checkpoint,
        String lastError,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    public static final RowMapper<Job> MAPPER = Job::fromRow;

    public static Job fromRow(Row row) {
        return new Job(
                row.getUUID("id"),
                row.getString("kind"),
                row.getUUID("tenant_id"),
                row.getUUID("subject_id"),
                row.getJsonObject("payload"),
                row.getString("dedupe_key"),
                JobStatus.fromDb(row.getString("status")),
                instant(row, "run_after"),
                row.getString("lease_owner"),
                instant(row, "lease_expires_at"),
                row.getInteger("attempts"),
                row.getInteger("max_attempts"),
                row.getJsonObject("checkpoint"),
                row.getString("last_error"),
                instant(row, "created_at"),
                instant(row, "started_at"),
                instant(row, "finished_at"));
    }

    /** The API view, camelCase; absent values are left out. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("id", id.toString())
                .put("kind", kind)
                .put("status", status.dbValue())
                .put("payload", payload)
                .put("attempts", attempts)
                .put("maxAttempts", maxAttempts)
                .put("runAfter", text(runAfter))
                .put("createdAt", text(createdAt));
        putIfPresent(json, "tenantId", tenantId);
        putIfPresent(json, "subjectId", subjectId);
        putIfPresent(json, "dedupeKey", dedupeKey);
        putIfPresent(json, "leaseOwner", leaseOwner);
        putIfPresent(json, "leaseExpiresAt", leaseExpiresAt);
        putIfPresent(json, "checkpoint", checkpoint);
        putIfPresent(json, "lastError", lastError);
        putIfPresent(json, "startedAt", startedAt);
        putIfPresent(json, "finishedAt", finishedAt);
        return json;
    }

    private static void putIfPresent(JsonObject json, String key, Object value) {
        if (value instanceof JsonObject object) {
            json.put(key, object);
        } else if (value != null) {
            json.put(key, value.toString());
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** "1 attempt", "3 attempts": for messages about a job that stopped. */
    public String attemptsMade() {
        return attempts + (attempts == 1 ? " attempt" : " attempts");
    }
}
