package io.porter.imports.mapping;

import io.porter.imports.ContactDraft;
import io.porter.imports.ParsedRow;
import io.porter.imports.RowError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a parsed row into a contact draft, or into all of the row's errors. The mapping is resolved
 * once into column names per field, so mapping a row is a handful of map look-ups.
 */
public final class RowValidator {

    private final String emailColumn;
    private final String firstNameColumn;
    private final String lastNameColumn;
    private final String companyColumn;
    private final String phoneColumn;
    private final String[] customColumns;
    private final String[] customKeys;
    private final boolean validateEmail;
    private final PhoneNumbers phoneNumbers;

    public RowValidator(FieldMapping mapping, ValidationOptions options) {
        this.emailColumn = column(mapping, ContactFields.EMAIL);
        this.firstNameColumn = column(mapping, ContactFields.FIRST_NAME);
        this.lastNameColumn = column(mapping, ContactFields.LAST_NAME);
        this.companyColumn = column(mapping, ContactFields.COMPANY);
        this.phoneColumn = column(mapping, ContactFields.PHONE);
        List<String> columns = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        mapping.columnToField().forEach((column, field) -> ContactFields.customKey(field).ifPresent(key -> {
            columns.add(column);
            keys.add(key);
        }));
        this.customColumns = columns.toArray(String[]::new);
        this.customKeys = keys.toArray(String[]::new);
        this.validateEmail = options.validateEmail();
        this.phoneNumbers = options.validatePhone() ? new PhoneNumbers(options.defaultCountry()) : null;
    }

    public Outcome map(ParsedRow row) {
        long rowNumber = row.rowNumber();
        if (row.isBroken()) {
            return Outcome.invalid(List.of(new RowError(rowNumber, null, null, row.error())));
        }
        Map<String, String> values = row.values();
        List<RowError> errors = null;

        String rawEmail = cell(values, emailColumn);
        String email = textOrNull(rawEmail);
        RowError emailError = emailError(rowNumber, rawEmail, email);
        if (emailError != null) {
            errors = add(errors, emailError);
        }

        String rawPhone = cell(values, phoneColumn);
        String phone = textOrNull(rawPhone);
        if (phone != null && phoneNumbers != null) {
            PhoneNumbers.Result result = phoneNumbers.normalize(phone);
            if (result instanceof PhoneNumbers.Result.Valid valid) {
                phone = valid.e164();
            } else {
                errors = add(errors, new RowError(rowNumber, ContactFields.PHONE, rawPhone,
                        ((PhoneNumbers.Result.Invalid) result).error()));
            }
        }

        if (errors != null) {
            return Outcome.invalid(errors);
        }
        return Outcome.valid(new ContactDraft(rowNumber, email, email.toLowerCase(Locale.ROOT),
                text(values, firstNameColumn), text(values, lastNameColumn), text(values, companyColumn),
                phone, customFields(values)));
    }

    private RowError emailError(long rowNumber, String rawEmail, String email) {
        if (email == null) {
            return new RowError(rowNumber, ContactFields.EMAIL, rawEmail == null ? "" : rawEmail, "email is required");
        }
        if (!validateEmail) {
            return null;
        }
        Optional<String> problem = EmailSyntax.problem(email);
        return problem.map(reason -> new RowError(rowNumber, ContactFields.EMAIL, rawEmail, reason)).orElse(null);
    }

    private Map<String, String> customFields(Map<String, String> values) {
        Map<String, String> fields = null;
        for (int i = 0; i < customColumns.length; i++) {
            String value = text(values, customColumns[i]);
            if (value != null) {
                if (fields == null) {
                    fields = new LinkedHashMap<>();
                }
                fields.put(customKeys[i], value);
            }
        }
        return fields == null ? Map.of() : fields;
    }

    private static List<RowError> add(List<RowError> errors, RowError error) {
        List<RowError> list = errors == null ? new ArrayList<>(2) : errors;
        list.add(error);
        return list;
    }

    private static String text(Map<String, String> values, String column) {
        return textOrNull(cell(values, column));
    }

    private static String cell(Map<String, String> values, String column) {
        return column == null ? null : values.get(column);
    }

    private static String textOrNull(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static String column(FieldMapping mapping, String field) {
        return mapping.columnFor(field).orElse(null);
    }

    /** A row either becomes a contact draft or yields all of its errors. */
    public sealed interface Outcome {

        static Outcome valid(ContactDraft draft) {
            return new Valid(draft);
        }

        static Outcome invalid(List<RowError> errors) {
            return new Invalid(List.copyOf(errors));
        }

        record Valid(ContactDraft draft) implements Outcome {
        }

        record Invalid(List<RowError> errors) implements Outcome {
        }
    }
}
