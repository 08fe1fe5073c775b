package io.porter.imports.mapping;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Validation options: defaults, JSON options and the default country")
class ValidationOptionsTest {

    @Test
    @DisplayName("Defaults validate email and phone with US as the default country")
    void defaults() {
        assertThat(ValidationOptions.defaults()).isEqualTo(new ValidationOptions(true, true, "US"));
        assertThat(ValidationOptions.fromJson(new JsonObject())).isEqualTo(ValidationOptions.defaults());
        assertThat(ValidationOptions.fromJson(null)).isEqualTo(ValidationOptions.defaults());
    }

    @Test
    @DisplayName("Options from JSON are read, and the country is upper-cased")
    void fromJson() {
        JsonObject options = new JsonObject().put("validateEmail", false).put("validatePhone", true)
                .put("defaultCountry", "de");

        assertThat(ValidationOptions.fromJson(options)).isEqualTo(new ValidationOptions(false, true, "DE"));
    }

    @Test
    @DisplayName("An unknown default country is refused when phones are validated")
    void unknownCountry() {
        assertThatThrownBy(() -> new ValidationOptions(true, true, "ZZ"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ZZ'");
        assertThat(new ValidationOptions(true, false, "ZZ").defaultCountry()).isEqualTo("ZZ");
    }
}
