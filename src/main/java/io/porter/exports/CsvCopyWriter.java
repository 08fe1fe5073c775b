package io.porter.exports;

import io.porter.database.CopyOut;
import io.porter.database.DatabaseUrl;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Streams the rows of a {@link CsvCopyQuery} from PostgreSQL into a file as CsvExportWriter's rows: COPY ends
 * a row with LF, the export with CRLF. Each CopyData message is exactly one row (the protocol sends rows one by
 * one), so only its last byte is a row end; a newline inside a quoted cell is left alone. Blocking.
 */
final class CsvCopyWriter {

    static final int CHECK_EVERY_ROWS = 1000;
    private static final byte[] CRLF = {'\r', '\n'};
    // COPY quotes a lone \. of a one-column file (its end-of-data marker); the row writer does not
    private static final byte[] QUOTED_END_MARKER = {'"', '\\', '.', '"', '\n'};
    private static final byte[] END_MARKER = {'\\', '.'};
    private static final int FLAG_LENGTH = 2; // "f,"

    /** A row holds a custom value that only the row writers render as users get it: use them instead. */
    static final class NeedsRowWriter extends IOException {
        NeedsRowWriter() {
            super("a custom field holds a decimal number, an object or an array");
        }
    }

    /** The export stopped (lease lost, worker stopping) while rows were coming. */
    static final class Stopped extends InterruptedIOException {
        Stopped() {
            super("export stopped: lease lost or worker stopping");
        }
    }

    private CsvCopyWriter() {
    }

    /**
     * @param rowsSoFar told the number of rows written every {@value #CHECK_EVERY_ROWS} rows
     * @param stopRequested asked as often; true cancels the COPY
     * @return the rows written
     * @throws UncheckedIOException when the file cannot be written
     */
    static long copy(DatabaseUrl url, CsvCopyQuery.Prepared query, boolean oneColumn, OutputStream out,
                     LongConsumer rowsSoFar, BooleanSupplier stopRequested) throws SQLException, IOException {
        long[] rows = {0};
        return CopyOut.run(url, query.settings(), query.sql(), row -> {
            if (query.flagged()) {
                if (row[0] == 't') {
                    throw new NeedsRowWriter();
                }
                write(out, row, FLAG_LENGTH);
            } else {
                write(out, oneColumn && Arrays.equals(row, QUOTED_END_MARKER) ? END_MARKER : row, 0);
            }
            if (++rows[0] % CHECK_EVERY_ROWS == 0) {
                if (stopRequested.getAsBoolean()) {
                    throw new Stopped();
                }
                rowsSoFar.accept(rows[0]);
            }
        });
    }

    private static void write(OutputStream out, byte[] row, int from) {
        try {
            boolean endsWithNewline = row.length > 0 && row[row.length - 1] == '\n';
            out.write(row, from, (endsWithNewline ? row.length - 1 : row.length) - from);
            out.write(CRLF);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export file: " + e.getMessage(), e);
        }
    }
}
