package io.porter.jobs;

import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.UUID;

/** Every request on the bus names its caller's tenant and user, so the receiver scopes by them. */
public record BusRequest(UUID tenantId, UUID userId, Optional<UUID> workspaceId, JsonObject body) {

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
