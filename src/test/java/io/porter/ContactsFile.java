package io.porter;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A generated CSV with bad emails and repeated ones (in another letter case), and the counts an
 * uninterrupted import with {@code duplicateStrategy: skip} ends with, worked out here independently:
 * an invalid email is an error, a repeat of an earlier valid email is skipped, the rest are created.
 */
record ContactsFile(byte[] bytes, int rows, int created, int skipped, int errors) {

    static ContactsFile generate(int rows) {
        StringBuilder csv = new StringBuilder("email,first_name,last_name,company\n");
        Set<String> seen = new HashSet<>();
        int created = 0;
        int skipped = 0;
        int errors = 0;
        for (int i = 1; i <= rows; i++) {
            String email = email(i);
            if (!email.contains("@")) {
                errors++;
            } else if (seen.add(email.toLowerCase(Locale.ROOT))) {
                created++;
            } else {
                skipped++;
            }
            csv.append(email).append(",First").append(i).append(",Last").append(i).append(",Co ").append(i % 97).append('\n');
        }
        return new ContactsFile(csv.toString().getBytes(StandardCharsets.UTF_8), rows, created, skipped, errors);
    }

    /** Every 10th row has no @; every 7th repeats the email of the row 3 before it, upper-cased. */
    private static String email(int i) {
        if (i % 10 == 0) {
            return "broken-" + i;
        }
        if (i % 7 == 0 && i > 3) {
            return email(i - 3).toUpperCase(Locale.ROOT);
        }
        return "person" + i + "@example.com";
    }
}
