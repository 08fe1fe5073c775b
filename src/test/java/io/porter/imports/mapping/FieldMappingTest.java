package io.porter.imports.mapping;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Field mapping: from JSON with clear errors, suggested from headers")
class FieldMappingTest {

    @Test
    @DisplayName("A mapping from JSON keeps its columns in order and round-trips to JSON")
    void fromJsonRoundTrip() {
        JsonObject json = new JsonObject()
                .put("E-mail", "email").put("Name", "firstName").put("City", "customFields.address.city");

        FieldMapping mapping = FieldMapping.fromJson(json);

        assertThat(mapping.columnToField().keySet()).containsExactly("E-mail", "Name", "City");
        assertThat(mapping.emailColumn()).contains("E-mail");
        assertThat(mapping.toJson()).isEqualTo(json);
    }

    @Test
    @DisplayName("An unknown field is refused with the column, the field and the allowed fields named")
    void unknownFieldNamed() {
        JsonObject json = new JsonObject().put("E-mail", "email").put("Foo", "fax");

        assertThatThrownBy(() -> FieldMapping.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'Foo' maps to unknown field 'fax'; fields are "
                        + "email, firstName, lastName, company, phone, customFields.<key>");
    }

    @Test
    @DisplayName("An empty custom key is an unknown field")
    void emptyCustomKeyRefused() {
        assertThatThrownBy(() -> FieldMapping.fromJson(new JsonObject().put("X", "customFields.")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'X' maps to unknown field 'customFields.'");
    }

    @Test
    @DisplayName("A custom key over 100 characters is refused with the limit named")
    void longCustomKeyRefused() {
        JsonObject json = new JsonObject().put("X", "customFields." + "k".repeat(101));

        assertThatThrownBy(() -> FieldMapping.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 100 characters");
    }

    @Test
    @DisplayName("A value that is not a string is refused, naming the column")
    void nonStringValueRefused() {
        assertThatThrownBy(() -> FieldMapping.fromJson(new JsonObject().put("Age", 42)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'Age' must map to a field name");
        assertThatThrownBy(() -> FieldMapping.fromJson(new JsonObject().put("Tags", new JsonArray())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'Tags'");
        assertThatThrownBy(() -> FieldMapping.fromJson(new JsonObject().putNull("Notes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'Notes'");
    }

    @Test
    @DisplayName("Two columns mapped to the same standard field are refused, naming both")
    void duplicateStandardFieldRefused() {
        JsonObject json = new JsonObject().put("Email", "email").put("Work Email", "email");

        assertThatThrownBy(() -> FieldMapping.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("columns 'Email' and 'Work Email' both map to 'email'");
    }

    @Test
    @DisplayName("A missing mapping is refused")
    void nullJsonRefused() {
        assertThatThrownBy(() -> FieldMapping.fromJson(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Suggest maps known headers, leaves unknown ones out, and the first of two matches wins")
    void suggestFirstWins() {
        List<String> headers = List.of("Notes", "Email Address", "Given Name", "E-mail 1 - Value", "Mobile",
                "Work Phone", "customFields.plan", "Surname");

        FieldMapping mapping = FieldMapping.suggest(headers);

        assertThat(mapping.columnToField()).containsExactly(
                entry("Email Address", "email"), entry("Given Name", "firstName"), entry("Mobile", "phone"),
                entry("customFields.plan", "customFields.plan"), entry("Surname", "lastName"));
    }

    @Test
    @DisplayName("Suggest on headers with nothing known gives an empty mapping without an email column")
    void suggestNothingKnown() {
        FieldMapping mapping = FieldMapping.suggest(List.of("A", "B"));

        assertThat(mapping.columnToField()).isEmpty();
        assertThat(mapping.emailColumn()).isEmpty();
    }

    @Test
    @DisplayName("Mapped columns absent from the file are listed, in mapping order")
    void columnsMissingFromFile() {
        FieldMapping mapping = FieldMapping.fromJson(new JsonObject()
                .put("E-mail", "email").put("First", "firstName").put("Tel", "phone"));

        assertThat(mapping.columnsMissingFrom(List.of("First", "Other"))).containsExactly("E-mail", "Tel");
        assertThat(mapping.columnsMissingFrom(List.of("Tel", "First", "E-mail"))).isEmpty();
    }

    @Test
    @DisplayName("The mapping cannot be changed after it is made")
    void immutable() {
        FieldMapping mapping = FieldMapping.suggest(List.of("Email"));

        assertThatThrownBy(() -> mapping.columnToField().put("X", "phone"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static java.util.Map.Entry<String, String> entry(String column, String field) {
        return java.util.Map.entry(column, field);
    }
}
