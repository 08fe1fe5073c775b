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
        assertThat(config.cluster().enabled()).isFalse();
        assertThat(config.cluster().name()).isEqualTo("porter");
        assertThat(config.cluster().host()).isEqualTo("127.0.0.1");
        assertThat(config.cluster().port()).isEqualTo(5701);
        assertThat(config.cluster().members()).containsExactly("127.0.0.1");
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

    @Test
    @DisplayName("Cluster settings: members as host or host:port, the host an IP address, a name and a first port")
    void clusterSettings() {
        PorterConfig config = ConfigLoader.fromJson(valid()
                .put("PORTER_CLUSTER", "true")
                .put("PORTER_CLUSTER_MEMBERS", "10.0.0.5, 10.0.0.6:5702,porter-3.internal:6000,[fd00::7]:5701")
                .put("PORTER_CLUSTER_HOST", "10.0.0.5")
                .put("PORTER_CLUSTER_PORT", "6001")
                .put("PORTER_CLUSTER_NAME", "porter-eu"));
        PorterConfig.Cluster cluster = config.cluster();
        assertThat(cluster.enabled()).isTrue();
        assertThat(cluster.members()).containsExactly("10.0.0.5", "10.0.0.6:5702", "porter-3.internal:6000", "[fd00::7]:5701");
        assertThat(cluster.host()).isEqualTo("10.0.0.5");
        assertThat(cluster.port()).isEqualTo(6001);
        assertThat(cluster.name()).isEqualTo("porter-eu");
    }

    @Test
    @DisplayName("Wrong cluster settings are named: a host name as host, a bad member port, an empty list, a bad name")
    void wrongClusterSettings() {
        assertThatThrownBy(() -> ConfigLoader.fromJson(valid()
                .put("PORTER_CLUSTER_HOST", "node-a.internal")
                .put("PORTER_CLUSTER_MEMBERS", "10.0.0.5:99999")
                .put("PORTER_CLUSTER_PORT", "0")
                .put("PORTER_CLUSTER_NAME", "two words")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PORTER_CLUSTER_HOST").hasMessageContaining("node-a.internal")
                .hasMessageContaining("PORTER_CLUSTER_MEMBERS").hasMessageContaining("10.0.0.5:99999")
                .hasMessageContaining("PORTER_CLUSTER_PORT")
                .hasMessageContaining("PORTER_CLUSTER_NAME");
        assertThatThrownBy(() -> ConfigLoader.fromJson(valid().put("PORTER_CLUSTER_MEMBERS", " , ")))
                .hasMessageContaining("PORTER_CLUSTER_MEMBERS");
    }
}
