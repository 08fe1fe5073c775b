package io.porter.testing;

import io.porter.database.DatabaseSetup;
import io.porter.database.DatabaseUrl;
import io.porter.database.EmbeddedDatabase;
import io.porter.database.Pools;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Gives a test class its own fresh database with Porter's migrations applied, on a real PostgreSQL:
 * the server named by {@code PORTER_TEST_DB_URL}, else the one on 127.0.0.1:5432 if it answers, else
 * an embedded one started once for the whole test run. The database is dropped after the class.
 *
 * <pre>{@code @RegisterExtension static final TestDatabase db = new TestDatabase();}</pre>
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final String LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";
    private static DatabaseUrl server;
    private static EmbeddedDatabase embedded;

    private final String schemaVersion;
    private DatabaseUrl url;

    /** A database with every migration applied. */
    public TestDatabase() {
        this(null);
    }

    private TestDatabase(String schemaVersion) {
        this.schemaVersion = schemaVersion;
    }

    /** A database migrated only up to {@code version}, for a test of a later migration ({@link #migrate()}). */
    public static TestDatabase atSchemaVersion(String version) {
        return new TestDatabase(version);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String name = "porter_test_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        url = server().withDatabase(name);
        if (schemaVersion == null) {
            DatabaseSetup.prepare(url);
        } else {
            DatabaseSetup.createDatabaseIfMissing(url);
            Flyway.configure().dataSource(url.jdbcUrl(), url.user(), url.password())
                    .locations("classpath:db/migration").target(schemaVersion).load().migrate();
        }
    }

    /** Applies the remaining migrations, as Porter does at start-up. */
    public void migrate() {
        DatabaseSetup.migrate(url);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (url != null) {
            DatabaseSetup.dropDatabase(url);
        }
    }

    public DatabaseUrl url() {
        return url;
    }

    /** A count by plain JDBC, for assertions ({@code ?} placeholders). */
    public long count(String sql, Object... args) {
        return query(sql, args, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    /** The first column of every row as text, in the query's order, by plain JDBC ({@code ?} placeholders). */
    public List<String> strings(String sql, Object... args) {
        return query(sql, args, rs -> {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        });
    }

    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Object[] args, Rows<T> rows) {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rows.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Pool pool(Vertx vertx) {
        return Pools.create(vertx, url, 4);
    }

    private static synchronized DatabaseUrl server() {
        if (server != null) {
            return server;
        }
        String configured = System.getenv("PORTER_TEST_DB_URL");
        if (configured != null && !configured.isBlank()) {
            server = DatabaseUrl.parse(configured);
        } else if (DatabaseSetup.answers(DatabaseUrl.parse(LOCAL_SERVER))) {
            server = DatabaseUrl.parse(LOCAL_SERVER);
        } else {
            embedded = EmbeddedDatabase.start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
            server = embedded.url("postgres");
        }
        return server;
    }
}
