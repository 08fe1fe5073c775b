package io.porter.exports.filtering;

/** A filter that cannot be compiled; the message names the place ({@code filters.and[1]}) and the fault. */
public final class FilterException extends RuntimeException {

    private static final int LONGEST_QUOTE = 60;

    public FilterException(String path, String problem) {
        super(path + ": " + problem);
    }

    /** Echoes user input in a message without letting a huge value flood it. */
    static String quote(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > LONGEST_QUOTE ? text.substring(0, LONGEST_QUOTE) + "…" : text) + "'";
    }
}
