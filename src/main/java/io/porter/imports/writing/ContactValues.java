package io.porter.imports.writing;

import io.porter.imports.ContactDraft;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Objects;

/** A contact's writable fields; rows of the file are applied to it one after another. */
final class ContactValues {

    private final String email;
    private final String firstName;
    private final String lastName;
    private final String company;
    private final String phone;
    private final JsonObject customFields;
    private String customFieldsJson;

    ContactValues(String email, String firstName, String lastName, String company, String phone, JsonObject customFields) {
        this.email = email;
        this.firstName = firstName;
        this.lastName = lastName;
        this.company = company;
        this.phone = phone;
        this.customFields = customFields;
    }

    /** A row's own values: blank cells are null and absent from the custom fields. */
    static ContactValues of(ContactDraft draft) {
        return new ContactValues(draft.email().trim(), draft.firstName(), draft.lastName(), draft.company(),
                draft.phone(), customFieldsOf(draft));
    }

    /**
     * This contact after a row with values {@code row}: the row's non-null values win; with
     * {@code overwriteWithBlanks} its nulls erase too. Custom fields merge key by key either way: blank
     * custom cells never reach the draft, so a custom field the row does not hold is kept. The email
     * (the match key) is kept.
     */
    ContactValues apply(ContactValues row, boolean overwriteWithBlanks) {
        return new ContactValues(email,
                pick(row.firstName, firstName, overwriteWithBlanks),
                pick(row.lastName, lastName, overwriteWithBlanks),
                pick(row.company, company, overwriteWithBlanks),
                pick(row.phone, phone, overwriteWithBlanks),
                row.customFields.isEmpty() ? customFields : customFields.copy().mergeIn(row.customFields));
    }

    String email() {
        return email;
    }

    String firstName() {
        return firstName;
    }

    String lastName() {
        return lastName;
    }

    String company() {
        return company;
    }

    String phone() {
        return phone;
    }

    JsonObject customFields() {
        return customFields;
    }

    /** The custom fields as JSON text, encoded once. */
    String customFieldsJson() {
        if (customFieldsJson == null) {
            customFieldsJson = customFields.encode();
        }
        return customFieldsJson;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContactValues that && Objects.equals(email, that.email)
                && Objects.equals(firstName, that.firstName) && Objects.equals(lastName, that.lastName)
                && Objects.equals(company, that.company) && Objects.equals(phone, that.phone)
                && Objects.equals(customFields, that.customFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(email, firstName, lastName, company, phone, customFields);
    }

    private static String pick(String fromRow, String current, boolean overwriteWithBlanks) {
        return fromRow != null || overwriteWithBlanks ? fromRow : current;
    }

    private static JsonObject customFieldsOf(ContactDraft draft) {
        Map<String, String> fields = draft.customFields();
        JsonObject json = new JsonObject();
        if (fields != null) {
            fields.forEach(json::put);
        }
        return json;
    }
}
