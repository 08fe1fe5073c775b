package io.porter.imports.mapping;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.porter.imports.mapping.PhoneNumbers.Result;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

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

    @Test
    @DisplayName("With US as default, numbers in digits and punctuation get exactly libphonenumber's answer, short cut or not")
    void northAmericanShortCutAgreesWithTheLibrary() {
        Random random = new Random(6);
        String punctuation = "-()./ \u00a0";
        int valid = 0;
        for (int i = 0; i < 30_000; i++) {
            StringBuilder text = new StringBuilder();
            int digits = 9 + random.nextInt(5);
            if (random.nextInt(3) == 0) {
                text.append('+');
            }
            // a third start with a real area code and exchange, so that valid numbers are common
            String start = random.nextInt(3) == 0
                    ? (random.nextBoolean() ? "1" : "") + AREA_CODES[random.nextInt(AREA_CODES.length)] + (2 + random.nextInt(8))
                    : "";
            for (int d = 0; d < digits; d++) {
                if (random.nextInt(4) == 0) {
                    text.append(punctuation.charAt(random.nextInt(punctuation.length())));
                }
                if (random.nextInt(200) == 0) {
                    text.append('+');
                }
                char digit = d < start.length() ? start.charAt(d)
                        : d == 0 && random.nextBoolean() ? '1' : (char) ('0' + random.nextInt(10));
                text.append(digit);
            }
            String raw = text.toString();
            if (raw.strip().isEmpty()) {
                continue;
            }
            Result expected = library(raw);
            assertThat(us.normalize(raw)).as(raw).isEqualTo(expected);
            if (expected instanceof Result.Valid) {
                valid++;
            }
        }
        assertThat(valid).isGreaterThan(2_500);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"(212) 345-6789", "212-345-6789", "212.345.6789", "+1 212 345 6789", "2123456789",
            "1-212-345-6789", "+1-(212)-345-6789", "1 212 345 6789.", "(((212)))3456789", "+ 1 212 345 6789",
            "011 44 20 7946 0958", "0112079460958", "1212345678", "0212345678", "212 345 678", "12 12 345 6789 0",
            "+12123456789", "+2123456789", "212+3456789", "(+1) 212 345 6789", "416 555 0199", "1 416 555 0199"})
    @DisplayName("Edge cases of the North American short cut give libphonenumber's answer")
    void northAmericanEdgeCases(String raw) {
        assertThat(us.normalize(raw)).isEqualTo(library(raw));
    }

    private static final String[] AREA_CODES = {"201", "212", "213", "305", "312", "404", "415", "416", "514", "604",
            "617", "702", "713", "718", "787", "808", "907", "917", "246", "441", "876", "868", "809", "340", "671", "684"};

    /** What the library alone answers, as PhoneNumbers did before its short cut. */
    private static Result library(String raw) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        String text = raw.strip();
        Result invalid = new Result.Invalid(text.startsWith("+") ? "not a valid phone number" : "not a valid phone number for US");
        try {
            PhoneNumber number = util.parse(text, "US");
            return util.isValidNumber(number) ? new Result.Valid(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)) : invalid;
        } catch (NumberParseException e) {
            return invalid;
        }
    }
}
