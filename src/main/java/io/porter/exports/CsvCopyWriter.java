package io.porter.exports;

import io.porter.database.CopyOut;
import io.porter.database.DatabaseUrl;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Streams the rows of a {@link CsvCopyQuery} from PostgreSQL into a file, each made into CsvExportWriter's
 * bytes by {@link CsvCopyRows}. Each CopyData message is exactly one row (the protocol sends rows one by one).
 * Blocking.
 */
final class CsvCopyWriter {

    static final int CHECK_EVERY_ROWS = 1000;

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
    static long copy(DatabaseUrl url, CsvCopyQuery.Prepared query, boolean csvSafe, OutputStream out,
                     LongConsumer rowsSoFar, BooleanSupplier stopRequested) throws SQLException, IOException {
        return copy(sink -> CopyOut.run(url, query.settings(), query.sql(), sink), query, csvSafe, out, rowsSoFar,
                stopRequested);
    }

    /** The same on a connection in an open transaction ({@link CsvCopyParts}). */
    static long copy(Connection connection, CsvCopyQuery.Prepared query, boolean csvSafe, OutputStream out,
                     LongConsumer rowsSoFar, BooleanSupplier stopRequested) throws SQLException, IOException {
        return copy(sink -> CopyOut.run(connection, query.settings(), query.sql(), sink), query, csvSafe, out, rowsSoFar,
                stopRequested);
    }

    /** Runs a COPY, handing each row to the sink. */
    @FunctionalInterface
    private interface Source {
        long copyTo(CopyOut.RowSink sink) throws SQLException, IOException;
    }

    private static long copy(Source source, CsvCopyQuery.Prepared query, boolean csvSafe, OutputStream out,
                             LongConsumer rowsSoFar, BooleanSupplier stopRequested) throws SQLException, IOException {
        CsvCopyRows rows = new CsvCopyRows(query.text(), csvSafe, query.flagged(), new FileErrors(out));
        long[] count = {0};
        long copied = source.copyTo(row -> {
            if (!rows.write(row)) {
                throw new NeedsRowWriter();
            }
            if (++count[0] % CHECK_EVERY_ROWS == 0) {
                if (stopRequested.getAsBoolean()) {
                    throw new Stopped();
                }
                rowsSoFar.accept(count[0]);
            }
        });
        rows.flush();
        return copied;
    }

    /** A failure to write the file is no database failure: it fails the export rather than retrying it. */
    private static final class FileErrors extends FilterOutputStream {
        FileErrors(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the export file: " + e.getMessage(), e);
            }
        }
    }
}
