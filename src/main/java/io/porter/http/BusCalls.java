package io.porter.http;

import io.porter.jobs.BusErrors;
import io.porter.jobs.BusRequest;
import io.porter.tenancy.Caller;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Requests to the worker roles over the event bus, on behalf of the caller. Their failure codes
 * become HTTP statuses; a missing worker role answers 503 rather than hanging.
 */
final class BusCalls {

    private static final long TIMEOUT_MS = 30_000;

    private final EventBus bus;

    BusCalls(EventBus bus) {
        this.bus = bus;
    }

    Future<JsonObject> request(String address, Caller caller, JsonObject body) {
        BusRequest request = new BusRequest(caller.tenantId(), caller.userId(), caller.workspaceId(), body);
        return bus.<JsonObject>request(address, request.toJson(), new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
                .map(reply -> reply.body())
                .recover(failure -> Future.failedFuture(toApiError(failure)));
    }

    private static Throwable toApiError(Throwable failure) {
        if (!(failure instanceof ReplyException reply)) {
            return failure;
        }
        if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
            return new ApiError(503, "unavailable", "no node of this cluster runs the role for this request");
        }
        if (reply.failureType() == ReplyFailure.TIMEOUT) {
            return new ApiError(504, "timeout", "the worker did not answer in time");
        }
        return switch (reply.failureCode()) {
            case BusErrors.BAD_REQUEST -> ApiError.badRequest(reply.getMessage());
            case BusErrors.NOT_FOUND -> new ApiError(404, "not_found", reply.getMessage());
            case BusErrors.CONFLICT -> ApiError.conflict(reply.getMessage());
            case BusErrors.GONE -> new ApiError(410, "gone", reply.getMessage());
            default -> new ApiError(500, "internal_error", "internal error");
        };
    }
}
