package io.porter.http;

import io.porter.tenancy.Tenants;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

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
    private static final String ACCESS_TOKEN_PARAM = "access_token";
    private static final String BEARER_SUBPROTOCOL = "bearer";

    private final JWTAuth jwt;
    private final Tenants tenants;
    private final Function<RoutingContext, Future<String>> tokenSource;

    private AuthHandler(JWTAuth jwt, Tenants tenants, Function<RoutingContext, Future<String>> tokenSource) {
        this.jwt = jwt;
        this.tenants = tenants;
        this.tokenSource = tokenSource;
    }

    /** Takes the token from {@code Authorization: Bearer} only. */
    static AuthHandler bearerHeader(JWTAuth jwt, Tenants tenants) {
        return new AuthHandler(jwt, tenants, AuthHandler::bearerToken);
    }

    /**
     * For WebSocket upgrades: a browser cannot set headers on a WebSocket, so the token may also come
     * as the {@code access_token} query parameter or as the subprotocol pair {@code bearer, <token>}.
     */
    static AuthHandler webSocket(JWTAuth jwt, Tenants tenants) {
        return new AuthHandler(jwt, tenants, AuthHandler::webSocketToken);
    }

    /** The subprotocol a server must accept for {@code bearer, <token>} to work from a browser. */
    static String bearerSubprotocol() {
        return BEARER_SUBPROTOCOL;
    }

    @Override
    public void handle(RoutingContext ctx) {
        tokenSource.apply(ctx)
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

    private static Future<String> webSocketToken(RoutingContext ctx) {
        if (ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return bearerToken(ctx);
        }
        String param = ctx.request().getParam(ACCESS_TOKEN_PARAM);
        if (param != null && !param.isBlank()) {
            return Future.succeededFuture(param.trim());
        }
        String protocols = ctx.request().getHeader("Sec-WebSocket-Protocol");
        if (protocols != null) {
            String[] offered = protocols.split(",");
            if (offered.length == 2 && offered[0].trim().equalsIgnoreCase(BEARER_SUBPROTOCOL) && !offered[1].isBlank()) {
                return Future.succeededFuture(offered[1].trim());
            }
        }
        return Future.failedFuture(ApiError.unauthorized(
                "a token is required: Authorization: Bearer <JWT>, ?access_token=<JWT> or subprotocols 'bearer, <JWT>'"));
    }
}
