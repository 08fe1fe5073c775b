package io.porter.imports;

import java.util.Map;

/**
 * One data record as read from a file, before mapping. {@code rowNumber} counts data records from 1
 * (the header and blank lines are not records). {@code values} maps each column name to its cell text,
 * in file order (JSON: flattened dotted keys). {@code error} is set when the record itself is broken
 * (e.g. a CSV line with too many cells, a JSON element that is not an object): such a row becomes a
 * row error, never a crash.
 */
public record ParsedRow(long rowNumber, Map<String, String> values, String error) {

    public static ParsedRow of(long rowNumber, Map<String, String> values) {
        return new ParsedRow(rowNumber, values, null);
    }

    public static ParsedRow broken(long rowNumber, Map<String, String> values, String error) {
        return new ParsedRow(rowNumber, values, error);
    }

    public boolean isBroken() {
        return error != null;
    }
}
