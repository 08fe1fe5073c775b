package io.porter.imports.mapping;

import java.util.Optional;

/**
 * A syntax check for email addresses after RFC 5321/5322 (dot-atom local parts, length limits) and
 * RFC 6531 (Unicode letters in local parts and domains). Quoted local parts and IP-literal domains
 * are legal but practically never real contacts, so they are rejected with a reason. The domain's
 * 253-character limit follows from the 254 of the whole address. Lengths are
 * counted in characters, not UTF-8 octets. Written by hand, without regex: it runs once per row.
 */
public final class EmailSyntax {

    public static final int MAX_LENGTH = 254;
    public static final int MAX_LOCAL_LENGTH = 64;
    public static final int MAX_LABEL_LENGTH = 63;

    /** Printable ASCII allowed in an unquoted local part besides letters and digits (RFC 5322 atext). */
    private static final String LOCAL_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private EmailSyntax() {
    }

    /** Why {@code email} is not a valid address, or empty when it is. */
    public static Optional<String> problem(String email) {
        if (email == null || email.isEmpty()) {
            return Optional.of("email is empty");
        }
        Optional<String> problem = characterProblem(email);
        if (problem.isPresent()) {
            return problem;
        }
        int at = email.indexOf('@');
        if (at < 0) {
            return Optional.of("missing @");
        }
        if (email.indexOf('@', at + 1) >= 0) {
            return Optional.of("more than one @");
        }
        if (email.length() > MAX_LENGTH) {
            return Optional.of("longer than " + MAX_LENGTH + " characters");
        }
        problem = localPartProblem(email, at);
        return problem.isPresent() ? problem : domainProblem(email, at + 1);
    }

    private static Optional<String> characterProblem(String email) {
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return Optional.of("contains a space");
            }
            if (Character.isISOControl(c)) {
                return Optional.of("contains a control character");
            }
        }
        return Optional.empty();
    }

    /** Checks {@code email[0, at)}; indexes rather than substrings, to allocate nothing for valid rows. */
    private static Optional<String> localPartProblem(String email, int at) {
        if (at == 0) {
            return Optional.of("nothing before the @");
        }
        if (at > MAX_LOCAL_LENGTH) {
            return Optional.of("the part before the @ is longer than " + MAX_LOCAL_LENGTH + " characters");
        }
        if (email.charAt(0) == '"') {
            return Optional.of("quoted local parts are not supported");
        }
        if (email.charAt(0) == '.') {
            return Optional.of("the part before the @ starts with a dot");
        }
        if (email.charAt(at - 1) == '.') {
            return Optional.of("the part before the @ ends with a dot");
        }
        int doubleDot = email.indexOf("..");
        if (doubleDot >= 0 && doubleDot < at) {
            return Optional.of("the part before the @ has two dots in a row");
        }
        for (int i = 0; i < at; ) {
            int c = email.codePointAt(i);
            if (!isLocalCharacter(c)) {
                return Optional.of("the part before the @ contains '" + Character.toString(c) + "'");
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    private static boolean isLocalCharacter(int c) {
        if (c < 0x80) {
            return isAsciiLetterOrDigit(c) || c == '.' || LOCAL_SPECIALS.indexOf(c) >= 0;
        }
        return isUnicodeWordCharacter(c);
    }

    /** Checks {@code email[domainStart, end)}. */
    private static Optional<String> domainProblem(String email, int domainStart) {
        int length = email.length();
        if (domainStart == length) {
            return Optional.of("nothing after the @");
        }
        if (email.charAt(domainStart) == '[') {
            return Optional.of("IP address domains are not supported");
        }
        int lastDot = email.lastIndexOf('.');
        if (lastDot < domainStart) {
            return Optional.of("domain has no dot");
        }
        int start = domainStart;
        while (start <= length) {
            int end = email.indexOf('.', start);
            if (end < 0) {
                end = length;
            }
            Optional<String> problem = labelProblem(email, domainStart, start, end);
            if (problem.isPresent()) {
                return problem;
            }
            start = end + 1;
        }
        return topLevelDomainProblem(email, lastDot + 1);
    }

    private static Optional<String> labelProblem(String email, int domainStart, int start, int end) {
        if (start == end) {
            return Optional.of(start == domainStart ? "domain starts with a dot"
                    : end == email.length() ? "domain ends with a dot" : "domain has two dots in a row");
        }
        if (end - start > MAX_LABEL_LENGTH) {
            return Optional.of("a domain part is longer than " + MAX_LABEL_LENGTH + " characters");
        }
        if (email.charAt(start) == '-' || email.charAt(end - 1) == '-') {
            return Optional.of("a domain part starts or ends with a hyphen");
        }
        for (int i = start; i < end; ) {
            int c = email.codePointAt(i);
            if (!isDomainCharacter(c)) {
                return Optional.of("domain contains '" + Character.toString(c) + "'");
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    private static boolean isDomainCharacter(int c) {
        if (c < 0x80) {
            return isAsciiLetterOrDigit(c) || c == '-';
        }
        return isUnicodeWordCharacter(c);
    }

    private static Optional<String> topLevelDomainProblem(String email, int tldStart) {
        for (int i = tldStart; i < email.length(); i++) {
            if (!Character.isDigit(email.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of("top-level domain is all digits");
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Letters, digits and combining marks of any script, as internationalized addresses use them. */
    private static boolean isUnicodeWordCharacter(int c) {
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
