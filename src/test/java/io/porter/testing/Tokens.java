package io.porter.testing;

import io.porter.tenancy.Caller;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

/**
 * Builds JWTs by hand, independently of the code under test, so tests can also make the bad ones:
 * expired, wrongly signed, {@code alg: none}, missing claims.
 */
public final class Tokens {

    private Tokens() {
    }

    public static String valid(Caller caller) {
        return hs256(claims(caller).put("exp", Instant.now().plusSeconds(3600).getEpochSecond()), TestNode.SECRET);
    }

    public static String expired(Caller caller) {
        return hs256(claims(caller).put("exp", Instant.now().minusSeconds(3600).getEpochSecond()), TestNode.SECRET);
    }

    public static String signedWith(String secret, Caller caller) {
        return hs256(claims(caller), secret);
    }

    public static String algNone(Caller caller) {
        return encode(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + encode(claims(caller)) + ".";
    }

    public static String hs256(JsonObject claims, String secret) {
        String unsigned = encode(new JsonObject().put("alg", "HS256").put("typ", "JWT")) + "." + encode(claims);
        return unsigned + "." + base64(hmac(unsigned, secret));
    }

    public static JsonObject claims(Caller caller) {
        JsonObject claims = new JsonObject()
                .put("sub", caller.userId().toString())
                .put("tenantId", caller.tenantId().toString())
                .put("iat", Instant.now().getEpochSecond());
        caller.workspaceId().ifPresent(workspace -> claims.put("workspaceId", workspace.toString()));
        return claims;
    }

    private static byte[] hmac(String data, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(JsonObject json) {
        return base64(json.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
