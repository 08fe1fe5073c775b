package io.porter.imports;

import io.vertx.core.json.JsonObject;

/**
 * A bad row as data: which row, which contact field (e.g. {@code email}; null for a row that is
 * broken as a whole), the value found, and what is wrong. The job goes on.
 */
public record RowError(long row, String field, String value, String error) {

    public JsonObject toJson() {
        return new JsonObject().put("row", row).put("field", field).put("value", value).put("error", error);
    }

    public static RowError fromJson(JsonObject json) {
        return new RowError(json.getLong("row"), json.getString("field"), json.getString("value"), json.getString("error"));
    }
}
