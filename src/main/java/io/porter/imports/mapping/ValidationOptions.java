package io.porter.imports.mapping;

import io.vertx.core.json.JsonObject;

/**
 * The import options that decide how strictly rows are checked. An unsupported {@code defaultCountry}
 * is refused here (IllegalArgumentException), so a bad request fails before a job is made.
 */
public record ValidationOptions(boolean validateEmail, boolean validatePhone, String defaultCountry) {

    public static final String DEFAULT_COUNTRY = "US";

    public ValidationOptions {
        defaultCountry = defaultCountry == null || defaultCountry.isBlank() ? DEFAULT_COUNTRY : defaultCountry.strip();
        if (validatePhone) {
            defaultCountry = new PhoneNumbers(defaultCountry).defaultCountry();
        }
    }

    public static ValidationOptions defaults() {
        return new ValidationOptions(true, true, DEFAULT_COUNTRY);
    }

    /** Reads {@code validateEmail}, {@code validatePhone} and {@code defaultCountry}; absent keys take defaults. */
    public static ValidationOptions fromJson(JsonObject options) {
        if (options == null) {
            return defaults();
        }
        return new ValidationOptions(
                options.getBoolean("validateEmail", true),
                options.getBoolean("validatePhone", true),
                options.getString("defaultCountry", DEFAULT_COUNTRY));
    }
}
