package io.porter.exports.filtering;

import java.util.Map;

/**
 * A field a filter may name: a contact column, the tags, or one custom field. {@code column} is SQL
 * text from this class only; a custom field's {@code customKey} is user input and is bound as a parameter.
 */
record FilterField(String name, FieldKind kind, String column, String customKey) {

    static final String CUSTOM_PREFIX = "customFields.";
    static final int LONGEST_CUSTOM_KEY = 100;
    static final String NAMES = "email, firstName, lastName, company, phone, createdAt, updatedAt, tags, customFields.<key>";

    private static final Map<String, FilterField> STANDARD = Map.of(
            "email", column("email", FieldKind.TEXT, "c.email"),
            "firstName", column("firstName", FieldKind.TEXT, "c.first_name"),
            "lastName", column("lastName", FieldKind.TEXT, "c.last_name"),
            "company", column("company", FieldKind.TEXT, "c.company"),
            "phone", column("phone", FieldKind.TEXT, "c.phone"),
            "createdAt", column("createdAt", FieldKind.DATE, "c.created_at"),
            "updatedAt", column("updatedAt", FieldKind.DATE, "c.updated_at"),
            "tags", new FilterField("tags", FieldKind.TAGS, null, null));

    static FilterField named(String name, String path) {
        FilterField standard = STANDARD.get(name);
        if (standard != null) {
            return standard;
        }
        if (name.startsWith(CUSTOM_PREFIX)) {
            return custom(name, path);
        }
        throw new FilterException(path, "unknown field " + FilterException.quote(name) + "; fields are " + NAMES);
    }

    private static FilterField custom(String name, String path) {
        String key = name.substring(CUSTOM_PREFIX.length());
        if (key.isEmpty()) {
            throw new FilterException(path, "a custom field needs a key after 'customFields.'");
        }
        if (key.length() > LONGEST_CUSTOM_KEY) {
            throw new FilterException(path, "a custom field key has at most " + LONGEST_CUSTOM_KEY + " characters");
        }
        return new FilterField(name, FieldKind.CUSTOM, null, key);
    }

    private static FilterField column(String name, FieldKind kind, String column) {
        return new FilterField(name, kind, column, null);
    }
}
