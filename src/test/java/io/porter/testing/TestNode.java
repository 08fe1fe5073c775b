package io.porter.testing;

import io.porter.Porter;
import io.porter.config.ConfigLoader;
import io.porter.config.PorterConfig;
import io.porter.tenancy.Caller;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A whole Porter node started the way {@code Main} starts one, on the class's test database, a free
 * HTTP port and a temporary file store. Register it after the {@link TestDatabase}:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();
 * @RegisterExtension @Order(2) static final TestNode node = new TestNode(db);
 * }</pre>
 */
public final class TestNode implements BeforeAllCallback, AfterAllCallback {

    public static final String SECRET = "test-secret-test-secret-test-secret-0123456789";

    private final TestDatabase db;
    private final JsonObject overrides = new JsonObject();
    private Path storageDir;
    private Porter porter;
    private PorterConfig config;

    public TestNode(TestDatabase db) {
        this.db = db;
    }

    /** Any setting, by its environment variable name. */
    public TestNode with(String setting, Object value) {
        overrides.put(setting, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        storageDir = Files.createTempDirectory("porter-files");
        JsonObject settings = new JsonObject()
                .put("PORTER_DB_URL", db.url().toUrl())
                .put("PORTER_HTTP_HOST", "127.0.0.1")
                .put("PORTER_HTTP_PORT", 0)
                .put("PORTER_JWT_SECRET", SECRET)
                .put("PORTER_STORAGE_DIR", storageDir.toString())
                .put("PORTER_DB_POOL_SIZE", 4)
                .mergeIn(overrides);
        config = ConfigLoader.fromJson(settings);
        porter = Porter.start(config);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (porter != null) {
            porter.close();
        }
        deleteTree(storageDir);
    }

    public int port() {
        return porter.httpPort();
    }

    public Porter porter() {
        return porter;
    }

    public PorterConfig config() {
        return config;
    }

    public Path storageDir() {
        return storageDir;
    }

    public static Caller newCaller() {
        return new Caller(UUID.randomUUID(), UUID.randomUUID(), Optional.empty());
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
