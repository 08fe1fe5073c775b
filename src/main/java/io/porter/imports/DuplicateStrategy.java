package io.porter.imports;

import java.util.Locale;
import java.util.Optional;

/** What to do with a row whose email matches an existing contact of the tenant. */
public enum DuplicateStrategy {
    /** Leave the existing contact untouched; the row counts as skipped. */
    SKIP,
    /** Update the existing contact with the row's non-empty values (all values with overwriteWithBlanks). */
    UPDATE,
    /** Create a new contact anyway, linked to the existing one by {@code duplicate_of}. */
    CREATE;

    public static Optional<DuplicateStrategy> parse(String value) {
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
