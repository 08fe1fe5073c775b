package io.porter.exports.filtering;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Walks one filter tree, checking its shape and limits, and compiles it into SQL text and parameters. */
final class FilterCompiler {

    static final int DEEPEST_NESTING = 10;
    static final int MOST_CONDITIONS = 200;

    private static final Set<String> GROUP_KEYS = Set.of("and", "or", "not");
    private static final Set<String> CONDITION_KEYS = Set.of("field", "op", "value");
    private static final String NOT = "NOT coalesce((%s), false)";

    private final Parameters parameters;
    private int conditions;

    FilterCompiler(Parameters parameters) {
        this.parameters = parameters;
    }

    String compile(Object node, String path, int depth) {
        if (!(node instanceof JsonObject object)) {
            throw new FilterException(path, "expected an object: a condition {field, op, value} or and, or, not");
        }
        if (depth > DEEPEST_NESTING) {
            throw new FilterException(path, "filters nest at most " + DEEPEST_NESTING + " levels deep");
        }
        List<String> groupKeys = object.fieldNames().stream().filter(GROUP_KEYS::contains).sorted().toList();
        if (groupKeys.isEmpty()) {
            return condition(object, path);
        }
        if (object.size() != 1) {
            throw new FilterException(path, "expected exactly one of and, or, not; got " + String.join(", ", object.fieldNames()));
        }
        String key = groupKeys.get(0);
        String childPath = path + "." + key;
        return key.equals("not")
                ? NOT.formatted(compile(object.getValue(key), childPath, depth + 1))
                : group(object.getValue(key), key, childPath, depth);
    }

    private String group(Object members, String key, String path, int depth) {
        if (!(members instanceof JsonArray list) || list.isEmpty()) {
            throw new FilterException(path, "'" + key + "' needs a non-empty list of filters");
        }
        List<String> compiled = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            compiled.add("(" + compile(list.getValue(i), path + "[" + i + "]", depth + 1) + ")");
        }
        return String.join(key.equals("and") ? " AND " : " OR ", compiled);
    }

    private String condition(JsonObject object, String path) {
        if (++conditions > MOST_CONDITIONS) {
            throw new FilterException(path, "a filter has at most " + MOST_CONDITIONS + " conditions");
        }
        for (String key : object.fieldNames()) {
            if (!CONDITION_KEYS.contains(key)) {
                throw new FilterException(path, "unknown key " + FilterException.quote(key)
                        + "; a condition has field, op and value, a group one of and, or, not");
            }
        }
        Condition condition = new Condition(path, field(object, path), operator(object, path), value(object, path));
        return switch (condition.field().kind()) {
            case TEXT -> TextConditions.compile(condition.field().column(), condition, parameters);
            case DATE -> DateConditions.compile(condition, parameters);
            case TAGS -> TagConditions.compile(condition, parameters);
            case CUSTOM -> CustomFieldConditions.compile(condition, parameters);
        };
    }

    private static FilterField field(JsonObject object, String path) {
        return FilterField.named(requiredText(object, "field", path), path);
    }

    private static Operator operator(JsonObject object, String path) {
        String name = requiredText(object, "op", path);
        return Operator.named(name).orElseThrow(() -> new FilterException(path,
                "unknown operator " + FilterException.quote(name) + "; operators are " + Operator.NAMES));
    }

    private static Object value(JsonObject object, String path) {
        Object value = object.getValue("value");
        if (value instanceof JsonObject) {
            throw new FilterException(path, "a value cannot be an object; use text, a number, true/false or a list");
        }
        return value;
    }

    private static String requiredText(JsonObject object, String key, String path) {
        Object value = object.getValue(key);
        if (value == null) {
            throw new FilterException(path, "a condition needs '" + key + "'");
        }
        if (!(value instanceof String text)) {
            throw new FilterException(path, "'" + key + "' must be text");
        }
        return text;
    }
}
