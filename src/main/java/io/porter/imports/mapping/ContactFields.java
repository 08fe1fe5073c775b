package io.porter.imports.mapping;

import java.util.List;
import java.util.Optional;

/** The contact fields a file column can map to: the standard ones and {@code customFields.<key>}. */
public final class ContactFields {

    public static final String EMAIL = "email";
    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String COMPANY = "company";
    public static final String PHONE = "phone";

    public static final List<String> STANDARD = List.of(EMAIL, FIRST_NAME, LAST_NAME, COMPANY, PHONE);

    public static final String CUSTOM_PREFIX = "customFields.";
    public static final int MAX_CUSTOM_KEY_LENGTH = 100;

    /** For error messages: the list of allowed fields. */
    public static final String DESCRIPTION = "email, firstName, lastName, company, phone, customFields.<key>";

    private ContactFields() {
    }

    public static boolean isValid(String field) {
        return isStandard(field) || customKey(field).isPresent();
    }

    public static boolean isStandard(String field) {
        return field != null && STANDARD.contains(field);
    }

    /** The key of a {@code customFields.<key>} field; keys are flat strings and may contain dots. */
    public static Optional<String> customKey(String field) {
        if (field == null || !field.startsWith(CUSTOM_PREFIX)) {
            return Optional.empty();
        }
        String key = field.substring(CUSTOM_PREFIX.length());
        if (key.isBlank() || key.length() > MAX_CUSTOM_KEY_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(key);
    }
}
