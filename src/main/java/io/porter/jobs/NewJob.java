package io.porter.jobs;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What to queue. Only {@code kind} and {@code payload} are required; {@code tenantId} is null for
 * system work such as cleanup passes, {@code runAfter} null means now.
 */
public record NewJob(String kind, UUID tenantId, UUID subjectId, JsonObject payload,
                     String dedupeKey, Instant runAfter, int maxAttempts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public NewJob {
        Objects.requireNonNull(kind, "kind");
        payload = payload == null ? new JsonObject() : payload;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public static NewJob of(String kind, JsonObject payload) {
        return new NewJob(kind, null, null, payload, null, null, DEFAULT_MAX_ATTEMPTS);
    }

    public static NewJob forTenant(String kind, UUID tenantId, JsonObject payload) {
        return of(kind, payload).withTenant(tenantId);
    }

    public NewJob withTenant(UUID newTenantId) {
        return new NewJob(kind, newTenantId, subjectId, payload, dedupeKey, runAfter, maxAttempts);
    }

    public NewJob withSubject(UUID newSubjectId) {
        return new NewJob(kind, tenantId, newSubjectId, payload, dedupeKey, runAfter, maxAttempts);
    }

    public NewJob withDedupeKey(String newDedupeKey) {
        return new NewJob(kind, tenantId, subjectId, payload, newDedupeKey, runAfter, maxAttempts);
    }

    public NewJob withRunAfter(Instant newRunAfter) {
        return new NewJob(kind, tenantId, subjectId, payload, dedupeKey, newRunAfter, maxAttempts);
    }

    public NewJob withMaxAttempts(int newMaxAttempts) {
        return new NewJob(kind, tenantId, subjectId, payload, dedupeKey, runAfter, newMaxAttempts);
    }
}
