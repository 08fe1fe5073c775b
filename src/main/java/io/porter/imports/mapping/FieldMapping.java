package io.porter.imports.mapping;

import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which file column feeds which contact field ({@code column -> field}, in file order). Columns that
 * are not mapped are ignored. A field is fed by one column at most, so no value is silently dropped.
 */
public record FieldMapping(Map<String, String> columnToField) {

    public FieldMapping {
        columnToField = Collections.unmodifiableMap(new LinkedHashMap<>(columnToField));
        requireValidFields(columnToField);
    }

    public static FieldMapping fromJson(JsonObject json) {
        if (json == null) {
            throw new IllegalArgumentException("the field mapping is missing");
        }
        Map<String, String> columnToField = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : json) {
            if (!(entry.getValue() instanceof String field)) {
                throw new IllegalArgumentException("column '" + entry.getKey() + "' must map to a field name, not "
                        + entry.getValue() + "; fields are " + ContactFields.DESCRIPTION);
            }
            columnToField.put(entry.getKey(), field);
        }
        return new FieldMapping(columnToField);
    }

    /** The automatic mapping: known headers only; when two headers match one field the first wins. */
    public static FieldMapping suggest(List<String> headers) {
        Map<String, String> columnToField = new LinkedHashMap<>();
        Set<String> fieldsTaken = new HashSet<>();
        for (String header : headers) {
            Optional<String> field = HeaderMatcher.fieldFor(header);
            if (field.isPresent() && !columnToField.containsKey(header) && fieldsTaken.add(field.get())) {
                columnToField.put(header, field.get());
            }
        }
        return new FieldMapping(columnToField);
    }

    public Optional<String> emailColumn() {
        return columnFor(ContactFields.EMAIL);
    }

    public Optional<String> columnFor(String field) {
        for (Map.Entry<String, String> entry : columnToField.entrySet()) {
            if (entry.getValue().equals(field)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** Mapped columns the file does not have, in mapping order. */
    public List<String> columnsMissingFrom(List<String> headers) {
        Set<String> present = new HashSet<>(headers);
        return columnToField.keySet().stream().filter(column -> !present.contains(column)).toList();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        columnToField.forEach(json::put);
        return json;
    }

    private static void requireValidFields(Map<String, String> columnToField) {
        Map<String, String> columnByField = new HashMap<>();
        columnToField.forEach((column, field) -> {
            requireValidColumn(column, field);
            requireValidField(column, field);
            String other = columnByField.putIfAbsent(field, column);
            if (other != null) {
                throw new IllegalArgumentException("columns '" + other + "' and '" + column + "' both map to '"
                        + field + "'; a field can be fed by one column only");
            }
        });
    }

    private static void requireValidColumn(String column, String field) {
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException("an empty column name maps to '" + field + "'");
        }
    }

    private static void requireValidField(String column, String field) {
        if (field == null) {
            throw new IllegalArgumentException("column '" + column + "' maps to no field; fields are "
                    + ContactFields.DESCRIPTION);
        }
        if (field.startsWith(ContactFields.CUSTOM_PREFIX)
                && field.length() - ContactFields.CUSTOM_PREFIX.length() > ContactFields.MAX_CUSTOM_KEY_LENGTH) {
            throw new IllegalArgumentException("column '" + column + "' maps to a custom field key longer than "
                    + ContactFields.MAX_CUSTOM_KEY_LENGTH + " characters");
        }
        if (!ContactFields.isValid(field)) {
            throw new IllegalArgumentException("column '" + column + "' maps to unknown field '" + field
                    + "'; fields are " + ContactFields.DESCRIPTION);
        }
    }
}
