package io.porter.database;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Start-up work on the database, before any verticle runs: create the database if it is missing,
 * then apply the versioned migrations. JDBC is used here and by {@link CopyOut} (CSV exports' COPY);
 * everything else talks to PostgreSQL through vertx-pg-client.
 */
public final class DatabaseSetup {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSetup.class);
    private static final String DUPLICATE_DATABASE = "42P04";

    private DatabaseSetup() {
    }

    public static void prepare(DatabaseUrl url) {
        createDatabaseIfMissing(url);
        migrate(url);
    }

    public static void createDatabaseIfMissing(DatabaseUrl url) {
        try (Connection c = connect(url.withDatabase("postgres"))) {
            if (exists(c, url.database())) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + quoteIdentifier(url.database()));
                log.info("created database {}", url.database());
            } catch (SQLException e) {
                // Another node may have created it between our check and our CREATE.
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + url.redacted() + ": " + e.getMessage(), e);
        }
    }

    public static void dropDatabase(DatabaseUrl url) {
        try (Connection c = connect(url.withDatabase("postgres")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quoteIdentifier(url.database()) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + url.database() + ": " + e.getMessage(), e);
        }
    }

    public static void migrate(DatabaseUrl url) {
        MigrateResult result = Flyway.configure()
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        log.info("database {} at schema version {} ({} migrations applied)",
                url.database(), result.targetSchemaVersion, result.migrationsExecuted);
    }

    /** True when a PostgreSQL server answers at this URL's host and port. */
    public static boolean answers(DatabaseUrl url) {
        try (Connection ignored = connect(url.withDatabase("postgres"))) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static Connection connect(DatabaseUrl url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", url.user());
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    private static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
