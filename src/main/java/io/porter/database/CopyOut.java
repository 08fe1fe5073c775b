package io.porter.database;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
