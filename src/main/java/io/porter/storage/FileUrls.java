package io.porter.storage;

import io.vertx.core.Future;
import java.util.UUID;

/** Checks file URLs that API callers hand in, so they can only name their own stored files. */
public final class FileUrls {

    private FileUrls() {
    }

    /**
     * Answers the key of the existing object of {@code tenantId} that {@code fileUrl} names. Fails
     * with {@link IllegalFileUrlException} for URLs that are malformed or not of this store, and with
     * {@link ObjectNotFoundException} for objects that are missing or of another tenant alike, so a
     * caller cannot learn what other tenants stored.
     */
    public static Future<String> resolve(BlobStore store, String fileUrl, UUID tenantId) {
        String key;
        try {
            key = checkedKey(store, fileUrl);
        } catch (IllegalFileUrlException illegal) {
            return Future.failedFuture(illegal);
        }
        if (!key.startsWith(StoreKeys.tenantPrefix(tenantId))) {
            return Future.failedFuture(new ObjectNotFoundException(key));
        }
        return store.head(key).compose(info -> info.isPresent()
                ? Future.succeededFuture(key)
                : Future.failedFuture(new ObjectNotFoundException(key)));
    }

    private static String checkedKey(BlobStore store, String fileUrl) {
        if (fileUrl == null || fileUrl.isBlank()) {
            throw new IllegalFileUrlException(String.valueOf(fileUrl), "it is empty");
        }
        rejectDangerousCharacters(fileUrl);
        String key = store.keyOf(fileUrl)
                .orElseThrow(() -> new IllegalFileUrlException(fileUrl, "it is not a file of this service"));
        if (key.startsWith("/")) {
            throw new IllegalFileUrlException(fileUrl, "the path must not start with '/'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                throw new IllegalFileUrlException(fileUrl, "the path has an empty or '.' segment");
            }
        }
        return key;
    }

    private static void rejectDangerousCharacters(String fileUrl) {
        if (fileUrl.contains("..")) {
            throw new IllegalFileUrlException(fileUrl, "'..' is not allowed");
        }
        if (fileUrl.indexOf('\\') >= 0) {
            throw new IllegalFileUrlException(fileUrl, "'\\' is not allowed");
        }
        if (fileUrl.indexOf('\0') >= 0) {
            throw new IllegalFileUrlException(fileUrl, "NUL is not allowed");
        }
        // Stored keys never contain '%', so any percent-encoding (such as %2e for '.') is an attack.
        if (fileUrl.indexOf('%') >= 0) {
            throw new IllegalFileUrlException(fileUrl, "percent-encoding is not allowed");
        }
    }
}
