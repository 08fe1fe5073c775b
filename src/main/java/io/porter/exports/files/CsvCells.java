package io.porter.exports.files;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Turns export values into RFC 4180 CSV cells. */
final class CsvCells {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]+([.,][0-9]+)?");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final boolean csvSafe;

    CsvCells(boolean csvSafe) {
        this.csvSafe = csvSafe;
    }

    String cell(Object value) {
        return quoteIfNeeded(text(value));
    }

    private String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        if (value instanceof String string) {
            return csvSafe ? defuseFormula(string) : string;
        }
        return value.toString();
    }

    /**
     * A spreadsheet runs a cell starting with one of these characters as a formula (CSV injection);
     * a leading quote makes it text. Plain numbers such as E.164 phones are left alone.
     */
    static String defuseFormula(String text) {
        if (text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0) {
            return text;
        }
        return PLAIN_NUMBER.matcher(text).matches() ? text : "'" + text;
    }

    static String quoteIfNeeded(String text) {
        if (!needsQuotes(text)) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
