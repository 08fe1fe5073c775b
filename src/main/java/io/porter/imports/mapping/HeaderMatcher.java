package io.porter.imports.mapping;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Suggests the contact field for a file header. Case, spacing and punctuation are ignored, and the
 * column names of the big CRMs' exports (HubSpot, Salesforce, Google Contacts, Outlook, Mailchimp)
 * are known. Unknown headers get no field: guessing custom fields would import junk silently.
 */
public final class HeaderMatcher {

    private static final Map<String, String> SYNONYMS = synonyms();

    private HeaderMatcher() {
    }

    public static Optional<String> fieldFor(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.trim();
        if (ContactFields.customKey(trimmed).isPresent()) {
            return Optional.of(trimmed);
        }
        return Optional.ofNullable(SYNONYMS.get(normalize(trimmed)));
    }

    /** Lower-case letters and digits only: "E-mail 1 - Value" becomes "email1value". */
    static String normalize(String header) {
        StringBuilder normalized = new StringBuilder(header.length());
        header.codePoints()
                .filter(Character::isLetterOrDigit)
                .map(Character::toLowerCase)
                .forEach(normalized::appendCodePoint);
        return normalized.toString();
    }

    private static Map<String, String> synonyms() {
        Map<String, String> synonyms = new HashMap<>();
        add(synonyms, ContactFields.EMAIL, "email", "e-mail", "email address", "e-mail address",
                "e-mail 1 - value", "email 1", "email1", "mail", "primary email", "work email",
                "email 1 - value", "e-mail 1", "emailaddress");
        add(synonyms, ContactFields.FIRST_NAME, "firstName", "first name", "given name", "forename",
                "first", "prenom", "vorname");
        add(synonyms, ContactFields.LAST_NAME, "lastName", "last name", "family name", "surname",
                "last", "nachname");
        add(synonyms, ContactFields.COMPANY, "company", "company name", "organization", "organisation",
                "organization 1 - name", "organization name", "account name", "business", "employer");
        add(synonyms, ContactFields.PHONE, "phone", "mobile phone", "phone number", "phone 1 - value",
                "telephone", "mobile", "cell", "cell phone", "work phone", "business phone",
                "primary phone", "home phone", "mobile number", "tel");
        return Map.copyOf(synonyms);
    }

    private static void add(Map<String, String> synonyms, String field, String... headers) {
        for (String header : headers) {
            String previous = synonyms.put(normalize(header), field);
            if (previous != null && !previous.equals(field)) {
                throw new IllegalStateException("header '" + header + "' is a synonym of two fields");
            }
        }
    }
}
