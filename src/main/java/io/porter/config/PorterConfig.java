package io.porter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every setting, typed and checked once at start-up, then handed down to what needs it. */
public record PorterConfig(
        Http http,
        Database database,
        Jwt jwt,
        Storage storage,
        Jobs jobs,
        Imports imports,
        Exports exports,
        Cleanup cleanup,
        Set<Role> roles,
        Cluster cluster,
        boolean dev) {

    public record Http(String host, int port, long maxUploadBytes, long maxJsonBodyBytes) {
    }

    /** {@code url} is empty in dev mode when Porter should run its embedded server in {@code embeddedDir}. */
    public record Database(Optional<String> url, int poolSize, Path embeddedDir) {
    }

    /** One of an HS256 secret or a public key (RS256/ES256 PEM); in dev mode both may be absent. */
    public record Jwt(Optional<String> secret, Optional<String> publicKeyPem, String publicKeyAlgorithm) {
        public boolean hasKey() {
            return secret.isPresent() || publicKeyPem.isPresent();
        }
    }

    public enum StorageKind { LOCAL, S3 }

    public record Storage(StorageKind kind, Path dir, S3 s3) {
    }

    public record S3(String bucket, Optional<String> endpoint, String region,
                     Optional<String> accessKeyId, Optional<String> secretAccessKey) {
    }

    public record Jobs(int workers, Duration lease, Duration pollInterval) {
    }

    /** Limits of an imported file: past maxRows or maxColumns it fails; a cell over maxCellChars is a row error. */
    public record Imports(long maxRows, int maxColumns, int maxCellChars) {
    }

    /**
     * {@code fileTtl}: how long an export's file is kept after completion; {@code linkTtl}: how long a
     * download link works; {@code downloadSecret}: the HMAC key of local-store download links (every
     * node must share it; without it links only work on the node that signed them); {@code copySplitContacts}:
     * a CSV export of a whole tenant estimated at this many contacts or more is read by two COPYs at once.
     */
    public record Exports(Duration fileTtl, Duration linkTtl, Optional<String> downloadSecret, long copySplitContacts) {
    }

    /** A UNIX cron expression for the cleanup pass, and how long uploads no unfinished job uses are kept. */
    public record Cleanup(String cron, Duration uploadRetention) {
    }

    /**
     * Clustering with Hazelcast: {@code name} keeps separate clusters from merging, {@code host} is the
     * interface Hazelcast and the event bus bind to (an IP address), {@code port} the first Hazelcast
     * port tried (the next ones are tried when it is taken), {@code members} the {@code host} or
     * {@code host:port} entries a node contacts to join (TCP-IP join, no multicast).
     */
    public record Cluster(boolean enabled, String name, String host, int port, List<String> members) {
    }

    public boolean runs(Role role) {
        return roles.contains(role);
    }

    public PorterConfig withJwt(Jwt newJwt) {
        return new PorterConfig(http, database, newJwt, storage, jobs, imports, exports, cleanup, roles, cluster, dev);
    }

    public PorterConfig withDatabaseUrl(String url) {
        return new PorterConfig(http, new Database(Optional.of(url), database.poolSize(), database.embeddedDir()),
                jwt, storage, jobs, imports, exports, cleanup, roles, cluster, dev);
    }
}
