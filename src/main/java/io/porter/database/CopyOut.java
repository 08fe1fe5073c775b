package io.porter.database;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Runs a {@code COPY (...) TO STDOUT} through the PostgreSQL JDBC driver and hands each row to a sink as the
 * server sends it: vertx-pg-client has no COPY support. Blocking: call it on a worker pool.
 *
 * <p>COPY takes no bind parameters, so values reach it as transaction-local settings: each entry of
 * {@code settings} is set with {@code set_config(name, ?, true)} from a bound parameter (a String, or a
 * String[] as a PostgreSQL text-array literal made by the server itself), and the COPY's query reads it
 * with {@code current_setting(name)} and a cast. No value is ever spliced into SQL text.
 */
public final class CopyOut {

    /** Receives one row at a time: the bytes of one CopyData message, ending with the row's newline. */
    @FunctionalInterface
    public interface RowSink {
        void row(byte[] row) throws IOException;
    }

    private static final String SET_TEXT = "SELECT set_config(?, ?, true)";
    private static final String SET_TEXT_ARRAY = "SELECT set_config(?, ?::text[]::text, true)";

    private CopyOut() {
    }

    /**
     * @return the number of rows the server reported
     * @throws IOException when the sink throws, after the COPY was cancelled and the connection released
     */
    public static long run(DatabaseUrl url, Map<String, Object> settings, String copySql, RowSink sink)
            throws SQLException, IOException {
        try (Connection connection = DatabaseSetup.connect(url)) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            return run(connection, settings, copySql, sink);
        }
    }

    /**
     * The same on a connection the caller holds, in its open transaction (one of {@link #openSnapshot} or
     * {@link #joinSnapshot}); the caller closes the connection.
     */
    public static long run(Connection connection, Map<String, Object> settings, String copySql, RowSink sink)
            throws SQLException, IOException {
        for (Map.Entry<String, Object> setting : settings.entrySet()) {
            set(connection, setting.getKey(), setting.getValue());
        }
        org.postgresql.copy.CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        try {
            byte[] row;
            while ((row = copy.readFromCopy()) != null) {
                sink.row(row);
            }
            return copy.getHandledRowCount();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * A connection of its own in a read-only REPEATABLE READ transaction: its first statement fixes the
     * snapshot every later statement reads, and {@link #exportSnapshot} can share it with other connections.
     */
    public static Connection openSnapshot(DatabaseUrl url) throws SQLException {
        Connection connection = DatabaseSetup.connect(url);
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The id of the snapshot {@code connection}'s transaction reads ({@code pg_export_snapshot()}), while it lasts. */
    public static String exportSnapshot(Connection connection) throws SQLException {
        try (PreparedStatement export = connection.prepareStatement("SELECT pg_export_snapshot()");
             ResultSet rows = export.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * A connection like {@link #openSnapshot}'s whose transaction reads the exported snapshot {@code snapshotId}:
     * the same rows as the exporting transaction, whatever commits meanwhile.
     */
    public static Connection joinSnapshot(DatabaseUrl url, String snapshotId) throws SQLException {
        Connection connection = openSnapshot(url);
        // SET TRANSACTION SNAPSHOT takes no parameter; the id is the server's own (hex digits and dashes)
        if (!snapshotId.matches("[0-9A-F-]+")) {
            connection.close();
            throw new SQLException("not a snapshot id: " + snapshotId);
        }
        try (Statement join = connection.createStatement()) {
            join.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static void set(Connection connection, String name, Object value) throws SQLException {
        boolean array = value instanceof String[];
        if (!array && !(value instanceof String)) {
            throw new IllegalArgumentException("setting " + name + " must be a String or String[], not " + value);
        }
        try (PreparedStatement set = connection.prepareStatement(array ? SET_TEXT_ARRAY : SET_TEXT)) {
            set.setString(1, name);
            if (array) {
                set.setArray(2, connection.createArrayOf("text", (String[]) value));
            } else {
                set.setString(2, (String) value);
            }
            set.execute();
        }
    }
}
