package io.porter.http;

import io.porter.tenancy.Caller;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** Small helpers every route uses: who calls, path ids, JSON answers. */
final class Requests {

    static final String CALLER = "porter.caller";

    private Requests() {
    }

    static Caller caller(RoutingContext ctx) {
        return ctx.get(CALLER);
    }

    /** A path id; one that is not a UUID cannot name anything, so it is a 404 like any unknown id. */
    static UUID pathId(RoutingContext ctx, String name, String what) {
        return Authentication.parseUuid(ctx.pathParam(name)).orElseThrow(() -> ApiError.notFound(what));
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
