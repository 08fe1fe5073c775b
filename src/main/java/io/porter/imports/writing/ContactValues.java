package io.porter.imports.writing;

import io.porter.imports.ContactDraft;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/** A contact's writable fields; rows of the file are applied to it one after another. */
record ContactValues(String email, String firstName, String lastName, String company, String phone,
                     JsonObject customFields) {

    static ContactValues of(ContactDraft draft) {
        return new ContactValues(draft.email().trim(), draft.firstName(), draft.lastName(), draft.company(),
                draft.phone(), customFieldsOf(draft));
    }

    /**
     * This contact after the row: the row's non-null values win; with {@code overwriteWithBlanks} its
     * nulls erase too. Custom fields merge key by key either way: blank custom cells never reach the
     * draft, so a custom field the row does not hold is kept. The email (the match key) is kept.
     */
    ContactValues apply(ContactDraft draft, boolean overwriteWithBlanks) {
        return new ContactValues(email,
                pick(draft.firstName(), firstName, overwriteWithBlanks),
                pick(draft.lastName(), lastName, overwriteWithBlanks),
                pick(draft.company(), company, overwriteWithBlanks),
                pick(draft.phone(), phone, overwriteWithBlanks),
                customFields.copy().mergeIn(customFieldsOf(draft)));
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
