package io.porter.imports.mapping;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;

/**
 * Normalizes phone numbers to E.164 with libphonenumber. A number without a {@code +} is read as a
 * number of the default country; one with a {@code +} may belong to any country.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** Characters people type in phone numbers; anything else (letters, "ext. 12") is refused, not guessed. */
    private static final String PHONE_PUNCTUATION = "+-()./ \u00a0";

    private final String defaultCountry;
    private final Result invalidForCountry;

    public PhoneNumbers(String defaultCountry) {
        this.defaultCountry = supportedRegion(defaultCountry);
        this.invalidForCountry = new Result.Invalid("not a valid phone number for " + this.defaultCountry);
    }

    public String defaultCountry() {
        return defaultCountry;
    }

    public Result normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Result.Invalid("phone number is empty");
        }
        String text = raw.strip();
        if (!hasOnlyPhoneCharacters(text)) {
            return new Result.Invalid("contains characters that are not part of a phone number");
        }
        try {
            PhoneNumber number = UTIL.parse(text, defaultCountry);
            if (!UTIL.isValidNumber(number)) {
                return invalid(text);
            }
            return new Result.Valid(UTIL.format(number, PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return invalid(text);
        }
    }

    private Result invalid(String text) {
        return text.startsWith("+") ? new Result.Invalid("not a valid phone number") : invalidForCountry;
    }

    private static boolean hasOnlyPhoneCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && PHONE_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String supportedRegion(String country) {
        String region = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("defaultCountry '" + country
                    + "' is not a supported ISO 3166 two-letter country code");
        }
        return region;
    }

    /** The E.164 number, or why the input is not a phone number. */
    public sealed interface Result {

        record Valid(String e164) implements Result {
        }

        record Invalid(String error) implements Result {
        }
    }
}
