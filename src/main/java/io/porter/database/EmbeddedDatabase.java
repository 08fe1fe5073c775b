package io.porter.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server run from the binaries shipped in a Maven dependency, so a new user (dev mode)
 * or a machine without a server (tests) needs nothing installed. With a data directory it keeps its
 * data across starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres server;

    private EmbeddedDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server whose data lives in {@code dataDir} (kept), or in a temporary folder when null. */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(freePort());
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir.toAbsolutePath()).setCleanDataDirectory(false);
            }
            EmbeddedPostgres server = builder.start();
            log.info("embedded PostgreSQL on 127.0.0.1:{}{}", server.getPort(),
                    dataDir == null ? "" : " with data in " + dataDir.toAbsolutePath().normalize());
            return new EmbeddedDatabase(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public DatabaseUrl url(String database) {
        return new DatabaseUrl("127.0.0.1", server.getPort(), database, "postgres", null);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
