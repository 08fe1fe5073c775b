package io.porter.http;

import io.porter.tenancy.Caller;
import io.porter.tenancy.Tenants;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs after the token is verified: reads the caller's tenant and user from it, records them the
 * first time they are seen, and keeps the caller on the request for every route to scope by.
 */
final class CallerHandler implements Handler<RoutingContext> {

    private final Tenants tenants;

    CallerHandler(Tenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Caller caller;
        try {
            caller = Authentication.callerOf(ctx.user());
        } catch (ApiError e) {
            ctx.fail(e);
            return;
        }
        ctx.put(Requests.CALLER, caller);
        tenants.record(caller).onComplete(done -> {
            if (done.succeeded()) {
                ctx.next();
            } else {
                ctx.fail(done.cause());
            }
        });
    }
}
