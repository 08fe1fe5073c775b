package io.porter.imports;

import io.porter.jobs.BusErrors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options of an import, read from {@code options} or the top level of the request (the same keys
 * are accepted in both; {@code options} wins). Stored on the job as JSON, read back by the worker.
 */
public record ImportOptions(DuplicateStrategy duplicateStrategy, List<String> tags, String segmentName,
                            boolean validateEmail, boolean validatePhone, String defaultCountry,
                            boolean dryRun, boolean overwriteWithBlanks, String sheet) {

    static final Set<String> KEYS = Set.of("duplicateStrategy", "tags", "segmentName", "validateEmail",
            "validatePhone", "defaultCountry", "dryRun", "overwriteWithBlanks", "sheet");
    private static final int MAX_TAGS = 50;
    private static final int MAX_NAME = 200;

    /** Reads and checks the options; a bad one is a bad-request ReplyException naming it. */
    static ImportOptions fromRequest(JsonObject request) {
        JsonObject merged = new JsonObject();
        request.forEach(entry -> {
            if (KEYS.contains(entry.getKey())) {
                merged.put(entry.getKey(), entry.getValue());
            }
        });
        Object nested = request.getValue("options");
        if (nested != null && !(nested instanceof JsonObject)) {
            throw BusErrors.badRequest("options must be an object");
        }
        if (nested instanceof JsonObject options) {
            for (String key : options.fieldNames()) {
                if (!KEYS.contains(key)) {
                    throw BusErrors.badRequest("unknown option '" + key + "'; options are " + KEYS);
                }
                merged.put(key, options.getValue(key));
            }
        }
        return fromJson(merged);
    }

    public static ImportOptions fromJson(JsonObject json) {
        String strategyText = text(json, "duplicateStrategy", "skip");
        DuplicateStrategy strategy = DuplicateStrategy.parse(strategyText).orElseThrow(() -> BusErrors.badRequest(
                "unknown duplicateStrategy '" + strategyText + "'; use skip, update or create"));
        String country = text(json, "defaultCountry", "US").toUpperCase(java.util.Locale.ROOT);
        try {
            new io.porter.imports.mapping.PhoneNumbers(country);
        } catch (IllegalArgumentException e) {
            throw BusErrors.badRequest("defaultCountry must be a two-letter country code, got '" + country + "'");
        }
        String segment = json.getValue("segmentName") == null ? null : text(json, "segmentName", null);
        if (segment != null && (segment.isBlank() || segment.length() > MAX_NAME)) {
            throw BusErrors.badRequest("segmentName must be 1 to " + MAX_NAME + " characters");
        }
        return new ImportOptions(strategy, tags(json), segment == null ? null : segment.trim(),
                bool(json, "validateEmail", true), bool(json, "validatePhone", true), country,
                bool(json, "dryRun", false), bool(json, "overwriteWithBlanks", false),
                json.getValue("sheet") == null ? null : text(json, "sheet", null));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("duplicateStrategy", duplicateStrategy.jsonName())
                .put("tags", new JsonArray(tags))
                .put("segmentName", segmentName)
                .put("validateEmail", validateEmail)
                .put("validatePhone", validatePhone)
                .put("defaultCountry", defaultCountry)
                .put("dryRun", dryRun)
                .put("overwriteWithBlanks", overwriteWithBlanks)
                .put("sheet", sheet);
    }

    private static List<String> tags(JsonObject json) {
        Object value = json.getValue("tags");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw BusErrors.badRequest("tags must be an array of names");
        }
        List<String> tags = new ArrayList<>();
        for (Object tag : array) {
            if (!(tag instanceof String name) || name.isBlank() || name.length() > MAX_NAME) {
                throw BusErrors.badRequest("each tag must be a name of 1 to " + MAX_NAME + " characters, got " + tag);
            }
            if (!tags.contains(name.trim())) {
                tags.add(name.trim());
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw BusErrors.badRequest("at most " + MAX_TAGS + " tags");
        }
        return List.copyOf(tags);
    }

    private static String text(JsonObject json, String key, String fallback) {
        Object value = json.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw BusErrors.badRequest(key + " must be a string");
        }
        return s;
    }

    private static boolean bool(JsonObject json, String key, boolean fallback) {
        Object value = json.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw BusErrors.badRequest(key + " must be true or false");
        }
        return b;
    }
}
