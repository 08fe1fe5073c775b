package io.porter.imports.mapping;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Contact fields: the standard fields and customFields.<key>")
class ContactFieldsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"email", "firstName", "lastName", "company", "phone", "customFields.plan",
            "customFields.address.city"})
    @DisplayName("The standard fields and custom fields are valid")
    void validFields(String field) {
        assertThat(ContactFields.isValid(field)).isTrue();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"fax", "Email", "first_name", "customFields.", "customFields. ", "customFields", ""})
    @DisplayName("Other names, wrong case and empty custom keys are not fields")
    void invalidFields(String field) {
        assertThat(ContactFields.isValid(field)).isFalse();
    }

    @Test
    @DisplayName("A custom field's key is everything after the prefix, dots included")
    void customKeyKeepsDots() {
        assertThat(ContactFields.customKey("customFields.address.city")).contains("address.city");
        assertThat(ContactFields.customKey("email")).isEmpty();
    }

    @Test
    @DisplayName("Custom keys may be 100 characters long, not more")
    void customKeyLengthLimit() {
        assertThat(ContactFields.customKey("customFields." + "k".repeat(100))).isPresent();
        assertThat(ContactFields.customKey("customFields." + "k".repeat(101))).isEmpty();
        assertThat(ContactFields.isValid(null)).isFalse();
    }
}
