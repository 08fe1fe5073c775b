package io.porter.exports;

import io.porter.database.CopyOut;
import io.porter.database.DatabaseUrl;
import io.porter.exports.files.ExportColumns;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The COPYs of one CSV export, each on a connection of its own, all reading one snapshot. A whole tenant's
 * export estimated at {@code splitFrom} contacts or more is cut in two at the median {@code created_at} of a
 * sample, and both halves are read at once: the server sends a COPY's rows from one backend, which was the
 * limit (1,000,000 contacts: 0.94-1.19 s as one COPY over the protocol, 0.65-0.68 s as two halves at once on
 * two cores). The halves, written one after the other, are the export in its order. Otherwise one COPY.
 * Blocking: open, copy and close on worker threads; each part on one thread at a time.
 */
final class CsvCopyParts implements AutoCloseable {

    /** One COPY: its connection, in the shared snapshot, and its query. */
    record Part(Connection connection, CsvCopyQuery.Prepared query) {
    }

    // about this many pages are sampled, whatever the table's size: a tenant too small to show in them is
    // too small to split
    private static final long SAMPLED_PAGES = 400;
    private static final String TABLE_PAGES = "SELECT greatest(1, pg_relation_size('contacts') / 8192)";
    // REPEATABLE: the same pages for the same table, so an export's cut does not depend on chance
    private static final String SAMPLE = """
            SELECT count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY c.created_at)::text
            FROM contacts c TABLESAMPLE SYSTEM (?) REPEATABLE (0)
            WHERE c.tenant_id = ?""";

    private final List<Part> parts;

    private CsvCopyParts(List<Part> parts) {
        this.parts = parts;
    }

    /** Opens the export's connections; two parts when the selection is a whole tenant of about {@code splitFrom} contacts or more. */
    static CsvCopyParts open(DatabaseUrl url, ContactSelection selection, ExportColumns columns, long splitFrom)
            throws SQLException {
        Connection first = CopyOut.openSnapshot(url);
        List<Part> parts = new ArrayList<>();
        try {
            Optional<String> cut = selection.wholeTenant() ? medianCreatedAt(first, selection, splitFrom) : Optional.empty();
            if (cut.isEmpty()) {
                parts.add(new Part(first, CsvCopyQuery.of(selection, columns)));
                return new CsvCopyParts(parts);
            }
            parts.add(new Part(first, CsvCopyQuery.of(selection, columns, null, cut.get())));
            Connection second = CopyOut.joinSnapshot(url, CopyOut.exportSnapshot(first));
            parts.add(new Part(second, CsvCopyQuery.of(selection, columns, cut.get(), null)));
            return new CsvCopyParts(parts);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(first);
            throw e;
        }
    }

    int size() {
        return parts.size();
    }

    /** Writes part {@code index}'s rows to {@code out} as {@link CsvCopyWriter#copy} does; answers the rows. */
    long copy(int index, boolean csvSafe, OutputStream out, LongConsumer rowsSoFar, BooleanSupplier stopRequested)
            throws SQLException, IOException {
        Part part = parts.get(index);
        return CsvCopyWriter.copy(part.connection(), part.query(), csvSafe, out, rowsSoFar, stopRequested);
    }

    @Override
    public void close() {
        parts.forEach(part -> closeQuietly(part.connection()));
    }

    /** The sampled median, when the sample says the tenant has {@code splitFrom} contacts or more. */
    private static Optional<String> medianCreatedAt(Connection connection, ContactSelection selection, long splitFrom)
            throws SQLException {
        long pages;
        try (PreparedStatement size = connection.prepareStatement(TABLE_PAGES); ResultSet rows = size.executeQuery()) {
            rows.next();
            pages = rows.getLong(1);
        }
        double percent = Math.min(100.0, 100.0 * SAMPLED_PAGES / pages);
        try (PreparedStatement sample = connection.prepareStatement(SAMPLE)) {
            sample.setDouble(1, percent);
            sample.setObject(2, selection.tenantId());
            try (ResultSet rows = sample.executeQuery()) {
                rows.next();
                double estimated = rows.getLong(1) * 100.0 / percent;
                String median = rows.getString(2);
                return estimated >= splitFrom && median != null ? Optional.of(median) : Optional.empty();
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a connection of a finished or failed export: nothing left to do with it
        }
    }
}
