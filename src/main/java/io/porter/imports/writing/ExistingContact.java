package io.porter.imports.writing;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A contact of the tenant matched by email key before the batch is written. The update lookup reads
 * its columns ({@code values}, with custom_fields also as the exact text PostgreSQL gave, for the
 * rollback log) and updated_at; the skip lookup reads the file row of this import that created it
 * (null when this import did not); the create lookup reads only the id.
 */
record ExistingContact(UUID id, String emailKey, ContactValues values, String customFieldsText,
                       OffsetDateTime updatedAt, Long firstRowInImport) {

    static ExistingContact from(Row row) {
        UUID id = row.getUUID("id");
        String emailKey = row.getString("email_key");
        if (row.getColumnIndex("updated_at") < 0) {
            Long firstRow = row.getColumnIndex("first_row_in_import") < 0 ? null : row.getLong("first_row_in_import");
            return new ExistingContact(id, emailKey, null, null, null, firstRow);
        }
        String customFields = row.getString("custom_fields");
        ContactValues values = new ContactValues(row.getString("email"), row.getString("first_name"),
                row.getString("last_name"), row.getString("company"), row.getString("phone"),
                customFields == null ? new JsonObject() : new JsonObject(customFields));
        return new ExistingContact(id, emailKey, values, customFields, row.getOffsetDateTime("updated_at"), null);
    }
}
