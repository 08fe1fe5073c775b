package io.porter.storage;

import java.util.UUID;

/** Builds the storage keys of Porter's files; every key of a tenant starts with its prefix. */
public final class StoreKeys {

    static final int MAX_FILE_NAME_LENGTH = 200;
    private static final int MAX_KEPT_EXTENSION_LENGTH = 16;
    private static final String FALLBACK_FILE_NAME = "file";

    private StoreKeys() {
    }

    public static String tenantPrefix(UUID tenantId) {
        return tenantId + "/";
    }

    public static String uploadKey(UUID tenantId, UUID uploadId, String fileName) {
        return tenantPrefix(tenantId) + "uploads/" + uploadId + "/" + safeFileName(fileName);
    }

    /** A single harmless path segment: ASCII letters, digits, dot, dash, underscore and space. */
    static String safeFileName(String fileName) {
        String name = fileName == null ? "" : fileName.strip();
        StringBuilder safe = new StringBuilder(name.length());
        name.chars().forEach(c -> safe.append(isKept(c) ? (char) c : '_'));
        // A ".." anywhere would make FileUrls reject the file's URL later.
        String result = safe.toString().replace("..", "__");
        if (result.isEmpty()) {
            return FALLBACK_FILE_NAME;
        }
        if (result.chars().allMatch(c -> c == '.')) {
            return "_".repeat(Math.min(result.length(), MAX_FILE_NAME_LENGTH));
        }
        return shortened(result);
    }

    private static boolean isKept(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '_' || c == ' ';
    }

    /** Cuts the name, keeping a short extension because parsers pick the format by it. */
    private static String shortened(String name) {
        if (name.length() <= MAX_FILE_NAME_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_KEPT_EXTENSION_LENGTH ? name.substring(dot) : "";
        return name.substring(0, MAX_FILE_NAME_LENGTH - extension.length()) + extension;
    }
}
