package io.porter.imports.writing;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A contact of the tenant matched by email key before the batch is written, with the first file row
 * of this import that already wrote it (null when the import has not touched it yet).
 */
record ExistingContact(UUID id, String emailKey, ContactValues values, OffsetDateTime updatedAt,
                       Long firstRowInImport) {

    static ExistingContact from(Row row) {
        JsonObject customFields = row.getJsonObject("custom_fields");
        ContactValues values = new ContactValues(row.getString("email"), row.getString("first_name"),
                row.getString("last_name"), row.getString("company"), row.getString("phone"),
                customFields == null ? new JsonObject() : customFields);
        return new ExistingContact(row.getUUID("id"), row.getString("email_key"), values,
                row.getOffsetDateTime("updated_at"), row.getLong("first_row_in_import"));
    }

    /** The rollback log's copy of this contact, as it was before the import changed it. */
    JsonObject previousData() {
        return new JsonObject()
                .put("email", values.email())
                .put("email_key", emailKey)
                .put("first_name", values.firstName())
                .put("last_name", values.lastName())
                .put("company", values.company())
                .put("phone", values.phone())
                .put("custom_fields", values.customFields())
                .put("updated_at", timestamp(updatedAt));
    }

    static String timestamp(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
