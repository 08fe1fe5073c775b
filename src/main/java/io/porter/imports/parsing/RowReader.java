package io.porter.imports.parsing;

import io.porter.imports.ParsedRow;
import java.util.List;

/**
 * Reads a file's data records one at a time, without holding the file. Blocking: run it on a
 * worker thread. Any method may throw {@link FileFormatException} when the file turns out to be
 * unreadable; rows already returned stay valid.
 */
public interface RowReader extends AutoCloseable {

    /**
     * Column names in file order. CSV and XLSX: the header row, known from the start. JSON: the
     * flattened keys of the rows read so far (including one row read ahead), in first-seen order,
     * so the list can grow while reading.
     */
    List<String> headers();

    /** The next data record, or null at the end. Rows count data records from 1; blank lines are not records. */
    ParsedRow next();

    /** Bytes taken from the raw stream so far (read-ahead included), for progress. */
    long bytesRead();

    /** CSV: the detected encoding, e.g. "UTF-8", "UTF-16LE", "windows-1252"; JSON: "UTF-8"; XLSX: null. */
    String encoding();

    /** CSV: the detected delimiter as a one-character string; other types: null. */
    String delimiter();

    @Override
    void close();
}
