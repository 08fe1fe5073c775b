package io.porter.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the merged settings (file, then environment) into a {@link PorterConfig}. Every problem is
 * collected and reported together, each naming its setting.
 */
final class ConfigParser {

    private final JsonObject raw;
    private final List<String> problems = new ArrayList<>();

    ConfigParser(JsonObject raw) {
        this.raw = raw;
    }

    PorterConfig parse() {
        boolean dev = bool("PORTER_DEV", false);
        PorterConfig.Http http = new PorterConfig.Http(
                text("PORTER_HTTP_HOST").orElse("0.0.0.0"),
                integer("PORTER_HTTP_PORT", 8080, 0, 65535),
                longValue("PORTER_MAX_UPLOAD_BYTES", 512L * 1024 * 1024, 1),
                longValue("PORTER_MAX_JSON_BODY_BYTES", 1024L * 1024, 1024));
        PorterConfig.Database database = new PorterConfig.Database(
                text("PORTER_DB_URL"),
                integer("PORTER_DB_POOL_SIZE", 8, 1, 200),
                path("PORTER_EMBEDDED_PG_DIR", "./data/pg"));
        if (database.url().isEmpty() && !dev) {
            problems.add("PORTER_DB_URL is required (postgresql://user@host:5432/porter); only dev mode (PORTER_DEV=true) runs an embedded database");
        }
        PorterConfig.Jwt jwt = jwt(dev);
        PorterConfig.Storage storage = storage();
        PorterConfig.Jobs jobs = new PorterConfig.Jobs(
                integer("PORTER_JOB_WORKERS", 2, 1, 64),
                Duration.ofSeconds(integer("PORTER_JOB_LEASE_SECONDS", 30, 2, 3600)),
                Duration.ofMillis(integer("PORTER_JOB_POLL_MILLIS", 5000, 50, 600_000)));
        PorterConfig.Imports imports = new PorterConfig.Imports(
                longValue("PORTER_IMPORT_MAX_ROWS", 5_000_000L, 1),
                integer("PORTER_IMPORT_MAX_COLUMNS", 1000, 1, 16_384),
                integer("PORTER_IMPORT_MAX_CELL_CHARS", 65_536, 16, 10_000_000));
        PorterConfig.Exports exports = new PorterConfig.Exports(
                Duration.ofDays(integer("PORTER_EXPORT_TTL_DAYS", 7, 1, 3650)),
                Duration.ofSeconds(integer("PORTER_DOWNLOAD_LINK_SECONDS", 300, 10, 86_400)),
                text("PORTER_DOWNLOAD_SECRET"),
                longValue("PORTER_EXPORT_COPY_SPLIT_CONTACTS", 100_000L, 1));
        PorterConfig.Cleanup cleanup = new PorterConfig.Cleanup(
                parsed("PORTER_CLEANUP_CRON", CronSchedules::check, "0 4 * * *"),
                Duration.ofDays(integer("PORTER_UPLOAD_RETENTION_DAYS", 7, 1, 3650)));
        Set<Role> roles = parsed("PORTER_ROLES", Role::parseList, Set.of(Role.values()));
        PorterConfig.Cluster cluster = cluster();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PorterConfig(http, database, jwt, storage, jobs, imports, exports, cleanup, roles, cluster, dev);
    }

    private PorterConfig.Jwt jwt(boolean dev) {
        Optional<String> secret = text("PORTER_JWT_SECRET");
        Optional<String> publicKey = text("PORTER_JWT_PUBLIC_KEY");
        String algorithm = text("PORTER_JWT_ALGORITHM").orElse("RS256").toUpperCase(Locale.ROOT);
        if (secret.isPresent() && publicKey.isPresent()) {
            problems.add("PORTER_JWT_SECRET and PORTER_JWT_PUBLIC_KEY are both set; set one");
        }
        if (secret.isPresent() && secret.get().getBytes().length < 32) {
            problems.add("PORTER_JWT_SECRET must be at least 32 bytes for HS256");
        }
        if (!List.of("RS256", "ES256").contains(algorithm)) {
            problems.add("PORTER_JWT_ALGORITHM must be RS256 or ES256, got '" + algorithm + "'");
        }
        if (publicKey.isPresent() && !publicKey.get().contains("-----BEGIN PUBLIC KEY-----")) {
            problems.add("PORTER_JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        if (secret.isEmpty() && publicKey.isEmpty() && !dev) {
            problems.add("PORTER_JWT_SECRET (HS256) or PORTER_JWT_PUBLIC_KEY (RS256/ES256 PEM) is required outside dev mode");
        }
        return new PorterConfig.Jwt(secret, publicKey, algorithm);
    }

    private PorterConfig.Storage storage() {
        PorterConfig.StorageKind kind = parsed("PORTER_STORAGE", value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "local" -> PorterConfig.StorageKind.LOCAL;
            case "s3" -> PorterConfig.StorageKind.S3;
            default -> throw new IllegalArgumentException("expected local or s3, got '" + value + "'");
        }, PorterConfig.StorageKind.LOCAL);
        Optional<String> bucket = text("PORTER_S3_BUCKET");
        if (kind == PorterConfig.StorageKind.S3 && bucket.isEmpty()) {
            problems.add("PORTER_S3_BUCKET is required when PORTER_STORAGE=s3");
        }
        Optional<String> endpoint = text("PORTER_S3_ENDPOINT");
        endpoint.ifPresent(e -> {
            if (!e.startsWith("http://") && !e.startsWith("https://")) {
                problems.add("PORTER_S3_ENDPOINT must be an http:// or https:// URL, got '" + e + "'");
            }
        });
        PorterConfig.S3 s3 = new PorterConfig.S3(bucket.orElse(""), endpoint,
                text("PORTER_S3_REGION").or(() -> text("AWS_REGION")).orElse("us-east-1"),
                text("AWS_ACCESS_KEY_ID"), text("AWS_SECRET_ACCESS_KEY"));
        return new PorterConfig.Storage(kind, path("PORTER_STORAGE_DIR", "./data/files"), s3);
    }

    private PorterConfig.Cluster cluster() {
        return new PorterConfig.Cluster(
                bool("PORTER_CLUSTER", false),
                parsed("PORTER_CLUSTER_NAME", ClusterChecks::checkName, "porter"),
                parsed("PORTER_CLUSTER_HOST", ClusterChecks::checkHost, "127.0.0.1"),
                integer("PORTER_CLUSTER_PORT", 5701, 1, 65535),
                parsed("PORTER_CLUSTER_MEMBERS", ClusterChecks::parseList, List.of("127.0.0.1")));
    }

    private Optional<String> text(String key) {
        Object value = raw.getValue(key);
        if (value == null) {
            return Optional.empty();
        }
        String s = String.valueOf(value).trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private Path path(String key, String fallback) {
        return Path.of(text(key).orElse(fallback));
    }

    private boolean bool(String key, boolean fallback) {
        return parsed(key, value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + value + "'");
        }, fallback);
    }

    private int integer(String key, int fallback, int min, int max) {
        return (int) number(key, fallback, min, max);
    }

    private long longValue(String key, long fallback, long min) {
        return number(key, fallback, min, Long.MAX_VALUE);
    }

    private long number(String key, long fallback, long min, long max) {
        return parsed(key, value -> {
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got '" + value + "'");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("expected a number from " + min + " to " + max + ", got " + n);
            }
            return n;
        }, fallback);
    }

    private <T> T parsed(String key, Function<String, T> parser, T fallback) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return parser.apply(value.get());
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return fallback;
        }
    }
}
