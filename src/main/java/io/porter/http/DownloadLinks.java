package io.porter.http;

import io.porter.config.PorterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Download links of the local store: {@code /downloads/exports/{jobId}?tenant=&expires=&signature=}
 * with an HMAC-SHA256 over tenant, job and expiry. They need no bearer token and stop working when
 * they expire or are altered.
 */
final class DownloadLinks {

    private static final Logger log = LoggerFactory.getLogger(DownloadLinks.class);
    static final String PATH = "/downloads/exports/";

    private final byte[] key;

    DownloadLinks(byte[] key) {
        this.key = key;
    }

    /**
     * {@code PORTER_DOWNLOAD_SECRET}, else a key derived from the HS256 token secret (every node has
     * it), else a random key: then links only work on the node that made them.
     */
    static DownloadLinks from(PorterConfig config) {
        if (config.exports().downloadSecret().isPresent()) {
            return new DownloadLinks(config.exports().downloadSecret().get().getBytes(StandardCharsets.UTF_8));
        }
        if (config.jwt().secret().isPresent()) {
            return new DownloadLinks(hmac(config.jwt().secret().get().getBytes(StandardCharsets.UTF_8),
                    "porter download links"));
        }
        log.warn("no PORTER_DOWNLOAD_SECRET: download links of the local store only work on this node");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new DownloadLinks(random);
    }

    String path(UUID tenantId, UUID jobId, Instant expires) {
        long epoch = expires.getEpochSecond();
        return PATH + jobId + "?tenant=" + tenantId + "&expires=" + epoch + "&signature=" + sign(tenantId, jobId, epoch);
    }

    /** True when the signature is this service's for these values; expiry is checked separately. */
    boolean verify(UUID tenantId, UUID jobId, long expires, String signature) {
        byte[] expected = sign(tenantId, jobId, expires).getBytes(StandardCharsets.US_ASCII);
        return signature != null && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(UUID tenantId, UUID jobId, long expires) {
        return HexFormat.of().formatHex(hmac(key, tenantId + "|" + jobId + "|" + expires));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
