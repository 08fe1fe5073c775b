package io.porter.contacts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A contact as the API shows it, with its tag names. */
public record Contact(UUID id, String email, String firstName, String lastName, String company, String phone,
                      JsonObject customFields, List<String> tags, UUID duplicateOf, Instant createdAt, Instant updatedAt) {

    static Contact fromRow(Row row) {
        String[] tags = row.getArrayOfStrings("tag_names");
        return new Contact(row.getUUID("id"), row.getString("email"), row.getString("first_name"),
                row.getString("last_name"), row.getString("company"), row.getString("phone"),
                (JsonObject) row.getValue("custom_fields"), tags == null ? List.of() : Arrays.asList(tags),
                row.getUUID("duplicate_of"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("email", email)
                .put("firstName", firstName)
                .put("lastName", lastName)
                .put("company", company)
                .put("phone", phone)
                .put("customFields", customFields == null ? new JsonObject() : customFields)
                .put("tags", new JsonArray(tags))
                .put("duplicateOf", duplicateOf == null ? null : duplicateOf.toString())
                .put("createdAt", createdAt.toString())
                .put("updatedAt", updatedAt.toString());
    }
}
