package io.porter.jobs;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The message published once on {@link Addresses#JOBS_COMPLETED} when an import, an export or a
 * rollback reaches its terminal state, for services that notify people (see docs/event-bus.md).
 *
 * @param userId   who asked for the work, or null when unknown
 * @param counts   the final counts, named as in the feature's API
 * @param links    API paths a client follows from here, by name ({@code job}, {@code errors}, {@code download})
 * @param error    why it failed, or null
 */
public record JobCompleted(UUID jobId, UUID tenantId, UUID userId, String kind, String status,
                           JsonObject counts, Instant finishedAt, Map<String, String> links, String error) {

    public JsonObject toJson() {
        JsonObject linkJson = new JsonObject();
        links.forEach(linkJson::put);
        return new JsonObject()
                .put("jobId", jobId.toString())
                .put("tenantId", tenantId.toString())
                .put("userId", userId == null ? null : userId.toString())
                .put("kind", kind)
                .put("status", status)
                .put("counts", counts)
                .put("finishedAt", finishedAt == null ? null : finishedAt.toString())
                .put("links", linkJson)
                .put("error", error);
    }

    public void publish(EventBus bus) {
        bus.publish(Addresses.JOBS_COMPLETED, toJson());
    }
}
