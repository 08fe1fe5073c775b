package io.porter.http;

import io.porter.tenancy.Caller;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** Small helpers every route uses: who calls, path ids, JSON answers. */
final class Requests {

    static final String CALLER = "porter.caller";
    private static final String CONTINUE_SENT = "porter.continueSent";

    private Requests() {
    }

    /** Answers {@code Expect: 100-continue}: the client sends its body only after this. */
    static void sendContinue(RoutingContext ctx) {
        if (awaitsContinue(ctx)) {
            ctx.put(CONTINUE_SENT, true);
            ctx.response().writeContinue();
        }
    }

    /** True while a client that asked {@code Expect: 100-continue} has not been told to go on. */
    static boolean awaitsContinue(RoutingContext ctx) {
        return ctx.get(CONTINUE_SENT) == null
                && ctx.request().headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true);
    }

    static Caller caller(RoutingContext ctx) {
        return ctx.get(CALLER);
    }

    /** A path id; one that is not a UUID cannot name anything, so it is a 404 like any unknown id. */
    static UUID pathId(RoutingContext ctx, String name, String what) {
        return Authentication.parseUuid(ctx.pathParam(name)).orElseThrow(() -> ApiError.notFound(what));
    }

    static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
        return ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
