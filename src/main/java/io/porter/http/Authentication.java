package io.porter.http;

import io.porter.config.PorterConfig;
import io.porter.tenancy.Caller;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.Optional;
import java.util.UUID;

/**
 * Bearer tokens from the platform's identity provider: HS256 with a shared secret, or RS256/ES256
 * with its public key. Only the configured algorithm verifies, so {@code alg: none} and
 * algorithm-swapped tokens are refused.
 */
public final class Authentication {

    public static final String TENANT_CLAIM = "tenantId";
    public static final String WORKSPACE_CLAIM = "workspaceId";

    private Authentication() {
    }

    public static JWTAuth provider(Vertx vertx, PorterConfig.Jwt jwt) {
        PubSecKeyOptions key = jwt.secret()
                .map(secret -> new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .orElseGet(() -> new PubSecKeyOptions().setAlgorithm(jwt.publicKeyAlgorithm())
                        .setBuffer(jwt.publicKeyPem().orElseThrow(() -> new IllegalStateException("no JWT key configured"))));
        return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key)
                .setJWTOptions(new JWTOptions().setAlgorithm(key.getAlgorithm())));
    }

    /** A token for the given caller, signed with an HS256 secret (dev mode and tests). */
    public static String issueToken(Vertx vertx, String hs256Secret, Caller caller, int expiresInMinutes) {
        JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(hs256Secret)));
        JsonObject claims = new JsonObject()
                .put("sub", caller.userId().toString())
                .put(TENANT_CLAIM, caller.tenantId().toString());
        caller.workspaceId().ifPresent(w -> claims.put(WORKSPACE_CLAIM, w.toString()));
        return signer.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(expiresInMinutes));
    }

    /** The caller a verified token names; a token without a UUID {@code sub} and {@code tenantId} is refused. */
    static Caller callerOf(User user) {
        JsonObject principal = user.principal();
        JsonObject token = user.attributes().getJsonObject("accessToken", principal);
        UUID userId = uuidClaim(token, "sub")
                .orElseThrow(() -> ApiError.unauthorized("token has no user id (sub) that is a UUID"));
        UUID tenantId = uuidClaim(token, TENANT_CLAIM)
                .orElseThrow(() -> ApiError.unauthorized("token has no tenantId claim that is a UUID"));
        Optional<UUID> workspace = Optional.ofNullable(token.getValue(WORKSPACE_CLAIM)).map(String::valueOf)
                .map(value -> parseUuid(value).orElseThrow(() -> ApiError.unauthorized("token's workspaceId is not a UUID")));
        return new Caller(tenantId, userId, workspace);
    }

    private static Optional<UUID> uuidClaim(JsonObject token, String claim) {
        Object value = token.getValue(claim);
        return value instanceof String s ? parseUuid(s) : Optional.empty();
    }

    static Optional<UUID> parseUuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
