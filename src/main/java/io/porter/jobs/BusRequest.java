package io.porter.jobs;

import io.porter.database.PageCursor;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.UUID;

/** Every request on the bus names its caller's tenant and user, so the receiver scopes by them. */
public record BusRequest(UUID tenantId, UUID userId, Optional<UUID> workspaceId, JsonObject body) {

    /** Lists over the bus take the same {@code limit} (1 to 500, default 50) as over HTTP. */
    public int limit() {
        Object value = body.getValue("limit");
        if (value == null) {
            return 50;
        }
        if (!(value instanceof Integer n) || n < 1 || n > 500) {
            throw BusErrors.badRequest("limit must be a whole number from 1 to 500, got " + value);
        }
        return n;
    }

    /** The position after which a list continues, or null for its first page. */
    public PageCursor cursor() {
        String text = body.getString("cursor");
        return text == null ? null : PageCursor.decode(text)
                .orElseThrow(() -> BusErrors.badRequest("cursor is not one this API gave out"));
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("tenantId", tenantId.toString())
                .put("userId", userId.toString())
                .put("body", body);
        workspaceId.ifPresent(w -> json.put("workspaceId", w.toString()));
        return json;
    }

    /** Fails with a bad-request ReplyException when the envelope lacks a tenant or user. */
    public static BusRequest fromJson(JsonObject json) {
        try {
            return new BusRequest(UUID.fromString(json.getString("tenantId")), UUID.fromString(json.getString("userId")),
                    Optional.ofNullable(json.getString("workspaceId")).map(UUID::fromString),
                    json.getJsonObject("body", new JsonObject()));
        } catch (RuntimeException e) {
            throw BusErrors.badRequest("a request needs tenantId and userId (UUIDs) and a JSON body");
        }
    }
}
