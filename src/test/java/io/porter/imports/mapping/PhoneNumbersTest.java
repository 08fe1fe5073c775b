package io.porter.imports.mapping;

import io.porter.imports.mapping.PhoneNumbers.Result;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Phone numbers: normalized to E.164 for the default country, or refused with a reason")
class PhoneNumbersTest {

    private final PhoneNumbers us = new PhoneNumbers("US");

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (415) 555-0123      | +14155550123
            415-555-0123        | +14155550123
            415.555.0123        | +14155550123
            4155550123          | +14155550123
            14155550123         | +14155550123
            1 (415) 555-0123    | +14155550123
            +1 415 555 0123     | +14155550123
            +44 20 7946 0958    | +442079460958
            +49 30 1234567      | +49301234567
            """)
    @DisplayName("US numbers in any usual notation, and + numbers of any country, become E.164")
    void validWithUsDefault(String raw, String e164) {
        assertThat(us.normalize(raw)).isEqualTo(new Result.Valid(e164));
    }

    @Test
    @DisplayName("A German default country reads national numbers with their trunk zero")
    void germanDefault() {
        PhoneNumbers germany = new PhoneNumbers("DE");

        assertThat(germany.normalize("030 1234567")).isEqualTo(new Result.Valid("+49301234567"));
        assertThat(germany.normalize("+1 415 555 0123")).isEqualTo(new Result.Valid("+14155550123"));
        assertThat(germany.normalize("12")).isEqualTo(new Result.Invalid("not a valid phone number for DE"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"12", "555-0123", "000 000 0000", "123456789012345678"})
    @DisplayName("Numbers that are not valid for the default country are refused, naming the country")
    void invalidForCountry(String raw) {
        assertThat(us.normalize(raw)).isEqualTo(new Result.Invalid("not a valid phone number for US"));
    }

    @Test
    @DisplayName("An invalid international number is refused without blaming the default country")
    void invalidInternational() {
        assertThat(us.normalize("+44 12")).isEqualTo(new Result.Invalid("not a valid phone number"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"call 415 555 0123", "415-555-0123 ext. 12", "1-800-FLOWERS", "n/a"})
    @DisplayName("Letters and extensions are refused rather than silently dropped")
    void lettersRefused(String raw) {
        assertThat(us.normalize(raw))
                .isEqualTo(new Result.Invalid("contains characters that are not part of a phone number"));
    }

    @Test
    @DisplayName("Blank input is refused")
    void blank() {
        assertThat(us.normalize("  ")).isInstanceOf(Result.Invalid.class);
        assertThat(us.normalize(null)).isInstanceOf(Result.Invalid.class);
    }

    @Test
    @DisplayName("The default country is case-insensitive, and unknown countries are refused")
    void defaultCountry() {
        assertThat(new PhoneNumbers("gb").defaultCountry()).isEqualTo("GB");
        assertThatThrownBy(() -> new PhoneNumbers("XX"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'XX'");
        assertThatThrownBy(() -> new PhoneNumbers("USA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhoneNumbers(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
