package io.porter.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Settings: defaults, overrides, and errors that name the setting")
class ConfigLoaderTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static JsonObject valid() {
        return new JsonObject()
                .put("PORTER_DB_URL", "postgresql://postgres@127.0.0.1:5432/porter")
                .put("PORTER_JWT_SECRET", SECRET);
    }

    @Test
    @DisplayName("Unset settings take their defaults")
    void defaults() {
        PorterConfig config = ConfigLoader.fromJson(valid());
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().maxUploadBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(config.http().maxJsonBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.roles()).isEqualTo(Set.of(Role.values()));
        assertThat(config.storage().kind()).isEqualTo(PorterConfig.StorageKind.LOCAL);
        assertThat(config.jobs().lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.imports().maxRows()).isEqualTo(5_000_000L);
        assertThat(config.exports().fileTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.exports().linkTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.cleanup().cron()).isEqualTo("0 4 * * *");
        assertThat(config.dev()).isFalse();
        assertThat(config.cluster()).isFalse();
    }

    @Test
    @DisplayName("Values arrive as strings from the environment and are typed")
    void typedFromStrings() {
        PorterConfig config = ConfigLoader.fromJson(valid()
                .put("PORTER_HTTP_PORT", "9090")
                .put("PORTER_ROLES", "http, import")
                .put("PORTER_DEV", "true")
                .put("PORTER_STORAGE", "S3")
                .put("PORTER_S3_BUCKET", "files")
                .put("PORTER_S3_ENDPOINT", "http://127.0.0.1:9000"));
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.roles()).containsExactlyInAnyOrder(Role.HTTP, Role.IMPORT);
        assertThat(config.dev()).isTrue();
        assertThat(config.storage().kind()).isEqualTo(PorterConfig.StorageKind.S3);
        assertThat(config.storage().s3().endpoint()).contains("http://127.0.0.1:9000");
    }

    @Test
    @DisplayName("Every wrong setting is named in one start-up error")
    void wrongSettingsAreNamed() {
        JsonObject settings = valid()
                .put("PORTER_HTTP_PORT", "eighty")
                .put("PORTER_ROLES", "http,printer")
                .put("PORTER_STORAGE", "ftp")
                .put("PORTER_MAX_UPLOAD_BYTES", "-1")
                .put("PORTER_CLUSTER", "maybe")
                .put("PORTER_CLEANUP_CRON", "every day");
        assertThatThrownBy(() -> ConfigLoader.fromJson(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PORTER_HTTP_PORT").hasMessageContaining("eighty")
                .hasMessageContaining("PORTER_ROLES").hasMessageContaining("printer")
                .hasMessageContaining("PORTER_STORAGE").hasMessageContaining("ftp")
                .hasMessageContaining("PORTER_MAX_UPLOAD_BYTES")
                .hasMessageContaining("PORTER_CLUSTER")
                .hasMessageContaining("PORTER_CLEANUP_CRON");
    }

    @Test
    @DisplayName("Outside dev mode, a signing key and a database URL are required")
    void productionNeedsKeyAndDatabase() {
        assertThatThrownBy(() -> ConfigLoader.fromJson(new JsonObject()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PORTER_JWT_SECRET")
                .hasMessageContaining("PORTER_DB_URL");
        PorterConfig dev = ConfigLoader.fromJson(new JsonObject().put("PORTER_DEV", true));
        assertThat(dev.jwt().hasKey()).isFalse();
        assertThat(dev.database().url()).isEmpty();
    }

    @Test
    @DisplayName("S3 storage needs a bucket, and a short HS256 secret is refused")
    void s3AndSecretChecks() {
        assertThatThrownBy(() -> ConfigLoader.fromJson(valid().put("PORTER_STORAGE", "s3")))
                .hasMessageContaining("PORTER_S3_BUCKET");
        assertThatThrownBy(() -> ConfigLoader.fromJson(valid().put("PORTER_JWT_SECRET", "short")))
                .hasMessageContaining("PORTER_JWT_SECRET");
    }
}
