package io.porter.http;

import io.porter.storage.IllegalFileUrlException;
import io.porter.storage.ObjectNotFoundException;
import io.porter.storage.ObjectTooLargeException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure leaves Porter as {@code {"error": code, "message": text}} with the right status. */
final class ErrorHandler implements Handler<RoutingContext> {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);
    private static final long DISCARD_BYTES = 64L * 1024 * 1024;
    private static final long DISCARD_MILLIS = 10_000;

    @Override
    public void handle(RoutingContext ctx) {
        ApiError error = toApiError(ctx);
        if (error.status() >= 500) {
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (error.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        JsonObject body = new JsonObject().put("error", error.code()).put("message", error.getMessage());
        if (error.status() == 413 && !ctx.request().isEnded()) {
            response.putHeader("Connection", "close");
            Requests.json(ctx, error.status(), body).onComplete(sent -> discardRestThenClose(ctx));
            return;
        }
        Requests.json(ctx, error.status(), body);
    }

    /**
     * The client may still be sending the rest of a refused body. Most clients read the answer only
     * once they have sent everything, so a connection closed at once shows them a reset instead of
     * the 413: read and drop a bounded amount of what follows, then hang up.
     */
    private static void discardRestThenClose(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (Requests.awaitsContinue(ctx)) {
            request.connection().close(); // it sends nothing more until told to continue
            return;
        }
        long[] dropped = {0};
        long timer = ctx.vertx().setTimer(DISCARD_MILLIS, id -> request.connection().close());
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > DISCARD_BYTES) {
                ctx.vertx().cancelTimer(timer);
                request.connection().close();
            }
        });
        request.endHandler(end -> {
            ctx.vertx().cancelTimer(timer);
            request.connection().close();
        });
        request.exceptionHandler(ignored -> ctx.vertx().cancelTimer(timer));
        request.resume();
    }

    static ApiError toApiError(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError apiError) {
            return apiError;
        }
        if (failure instanceof IllegalFileUrlException) {
            return ApiError.badRequest(failure.getMessage());
        }
        if (failure instanceof ObjectNotFoundException) {
            return ApiError.notFound("file");
        }
        if (failure instanceof ObjectTooLargeException) {
            return ApiError.payloadTooLarge(failure.getMessage());
        }
        if (failure instanceof io.vertx.core.json.DecodeException) {
            return ApiError.badRequest("request body is not valid JSON: " + failure.getMessage());
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        return switch (status) {
            case 400 -> ApiError.badRequest(failure == null ? "bad request" : failure.getMessage());
            case 401 -> ApiError.unauthorized("a valid bearer token is required (Authorization: Bearer <JWT>)");
            case 403 -> new ApiError(403, "forbidden", "not allowed");
            case 404 -> ApiError.notFound("resource");
            case 405 -> new ApiError(405, "method_not_allowed", "method not allowed on " + ctx.request().path());
            case 413 -> ApiError.payloadTooLarge("request body is too large");
            case 415 -> new ApiError(415, "unsupported_media_type", "unsupported content type");
            default -> status >= 500
                    ? new ApiError(status, "internal_error", "internal error")
                    : new ApiError(status, "error", failure == null ? "request failed" : failure.getMessage());
        };
    }
}
