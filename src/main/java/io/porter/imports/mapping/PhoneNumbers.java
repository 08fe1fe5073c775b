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
    private final boolean northAmericanDefault;

    public PhoneNumbers(String defaultCountry) {
        this.defaultCountry = supportedRegion(defaultCountry);
        this.invalidForCountry = new Result.Invalid("not a valid phone number for " + this.defaultCountry);
        this.northAmericanDefault = this.defaultCountry.equals("US");
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
        if (northAmericanDefault) {
            Result result = northAmerican(text);
            if (result != null) {
                return result;
            }
        }
        return parsed(text);
    }

    /** libphonenumber's answer: parse, validate, format. */
    private Result parsed(String text) {
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

    /**
     * The answer for a North American number written as ten digits, or eleven with the leading 1 (or
     * +1), between punctuation: the library's parse would find country code 1 and the last ten digits,
     * so this skips its dozen regular expressions (about two thirds of an import's validation time)
     * and keeps only the validity check. Null for any other text, which the library then reads:
     * another digit count, a + elsewhere than first, an area code starting with 0 or 1 (including the
     * 011 international prefix). PhoneNumbersTest holds the two paths to the same answers.
     */
    private Result northAmerican(String text) {
        char[] digits = new char[11];
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == digits.length) {
                    return null;
                }
                digits[count++] = c;
            } else if (c == '+' && i > 0) {
                return null;
            }
        }
        boolean plus = text.charAt(0) == '+';
        int from;
        if (count == 11 && digits[0] == '1') {
            from = 1;
        } else if (count == 10 && !plus) {
            from = 0;
        } else {
            return null;
        }
        if (digits[from] < '2') {
            return null;
        }
        long national = Long.parseLong(new String(digits, from, 10));
        PhoneNumber number = new PhoneNumber().setCountryCode(1).setNationalNumber(national);
        return validNorthAmerican(number) ? new Result.Valid("+1" + national) : invalid(text);
    }

    /**
     * {@code isValidNumber}, for country code 1, at half the cost for a US number: the library finds the
     * number's region by trying the regions of code 1 in order, US first, and then checks the number against
     * that region again; a number valid for the US is therefore valid, and only the others need the search.
     */
    private static boolean validNorthAmerican(PhoneNumber number) {
        return UTIL.isValidNumberForRegion(number, "US") || UTIL.isValidNumber(number);
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
