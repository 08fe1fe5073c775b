package io.porter.http;

import io.porter.tenancy.Tenants;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;

/**
 * Verifies the bearer token, reads the caller's tenant and user from it, records them the first time
 * they are seen, and keeps the caller on the request for every route to scope by.
 *
 * <p>Written here rather than using vertx-web's JWTAuthHandler because that one resumes the request
 * once the token is verified: an upload's first bytes would flow before the route that streams them
 * to the store is listening, and be lost. This handler leaves a paused request paused.
 */
final class AuthHandler implements Handler<RoutingContext> {

    private static final String BEARER = "bearer ";

    private final JWTAuth jwt;
    private final Tenants tenants;

    AuthHandler(JWTAuth jwt, Tenants tenants) {
        this.jwt = jwt;
        this.tenants = tenants;
    }

    @Override
    public void handle(RoutingContext ctx) {
        bearerToken(ctx)
                .compose(token -> jwt.authenticate(new TokenCredentials(token))
                        .recover(invalid -> Future.failedFuture(ApiError.unauthorized("invalid token: " + invalid.getMessage()))))
                .map(Authentication::callerOf)
                .compose(caller -> tenants.record(caller).map(caller))
                .onSuccess(caller -> {
                    ctx.put(Requests.CALLER, caller);
                    ctx.next();
                })
                .onFailure(ctx::fail);
    }

    private static Future<String> bearerToken(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Future.failedFuture(ApiError.unauthorized("a bearer token is required (Authorization: Bearer <JWT>)"));
        }
        return Future.succeededFuture(header.substring(BEARER.length()).trim());
    }
}
