package io.porter.exports.files;

import static io.porter.exports.files.ExportFixtures.allColumns;
import static io.porter.exports.files.ExportFixtures.contacts;
import static io.porter.exports.files.ExportFixtures.export;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON export writer")
class JsonExportWriterTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    @DisplayName("Read back by Jackson, one array holds one object per contact with nested customFields and tags")
    void roundTrip() throws IOException {
        List<ExportContact> contacts = contacts();

        JsonNode array = JACKSON.readTree(export("json", allColumns(), true, contacts));

        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isEqualTo(contacts.size());
        JsonNode ann = array.get(0);
        assertThat(fieldNames(ann)).containsExactly("email", "firstName", "lastName", "company", "phone", "tags",
                "createdAt", "updatedAt", "customFields", "emailsSent", "emailsOpened", "emailsClicked",
                "lastOpenedAt", "lastClickedAt");
        assertThat(ann.get("email").asText()).isEqualTo("ann@example.com");
        assertThat(ann.get("firstName").asText()).isEqualTo("Zoë");
        assertThat(ann.get("company").asText()).isEqualTo("Acme, Inc.");
        assertThat(ann.get("phone").asText()).isEqualTo("+14155550123");
        assertThat(ann.get("tags")).extracting(JsonNode::asText).containsExactly("vip", "beta");
        assertThat(ann.get("customFields").get("plan").asText()).isEqualTo("pro");
        assertThat(ann.get("customFields").get("region").asText()).isEqualTo("EU");
        assertThat(ann.get("createdAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(ann.get("emailsSent").isInt()).isTrue();
        assertThat(ann.get("emailsSent").asInt()).isEqualTo(5);
        assertThat(ann.get("lastClickedAt").asText()).isEqualTo("2026-03-05T06:07:08Z");
    }

    @Test
    @DisplayName("Missing values are null, so every object has the same keys; CJK and quotes survive")
    void nullsAndText() throws IOException {
        JsonNode array = JACKSON.readTree(export("json", allColumns(), true, contacts()));

        JsonNode wang = array.get(1);
        assertThat(fieldNames(wang)).isEqualTo(fieldNames(array.get(0)));
        assertThat(wang.get("firstName").asText()).isEqualTo("小明");
        assertThat(wang.get("company").asText()).isEqualTo("Say \"hi\"");
        assertThat(wang.get("phone").isNull()).isTrue();
        assertThat(wang.get("customFields").get("region").isNull()).isTrue();
        assertThat(wang.get("tags").isArray()).isTrue();
        assertThat(wang.get("tags").size()).isZero();
        assertThat(wang.get("emailsOpened").asInt()).isZero();
        assertThat(wang.get("lastOpenedAt").isNull()).isTrue();
        assertThat(array.get(2).get("company").asText()).isEqualTo("line one\r\nline two");
    }

    @Test
    @DisplayName("Default columns: only the five standard fields, no customFields object")
    void defaults() throws IOException {
        JsonNode array = JACKSON.readTree(export("json", ExportColumns.of(null, false, null, false), true,
                contacts()));

        assertThat(fieldNames(array.get(0))).containsExactly("email", "firstName", "lastName", "company", "phone");
    }

    @Test
    @DisplayName("Selected custom fields are grouped into customFields where the first of them stands")
    void selectedCustomFields() throws IOException {
        ExportColumns columns = ExportColumns.of(List.of("customFields.region", "email", "customFields.plan"),
                false, null, false);

        JsonNode ann = JACKSON.readTree(export("json", columns, true, contacts())).get(0);

        assertThat(fieldNames(ann)).containsExactly("customFields", "email");
        assertThat(fieldNames(ann.get("customFields"))).containsExactly("region", "plan");
    }

    @Test
    @DisplayName("No contacts is an empty array")
    void empty() throws IOException {
        JsonNode array = JACKSON.readTree(export("json", allColumns(), true, List.of()));

        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isZero();
    }

    @Test
    @DisplayName("Closing without finish leaves the array open, so a failed export never parses as complete")
    void closeWithoutFinish() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExportWriter writer = ExportWriters.create("json", out, true)) {
            writer.start(allColumns());
            writer.write(ExportFixtures.ann());
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("[{").doesNotEndWith("]");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
