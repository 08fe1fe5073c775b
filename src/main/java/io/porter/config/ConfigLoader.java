package io.porter.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads settings once: {@code conf/config.yaml} (or the file named by {@code PORTER_CONFIG}) holds the
 * defaults, environment variables override them. Keys are the environment variable names in both,
 * so one name means one setting everywhere.
 */
public final class ConfigLoader {

    public static final String CONFIG_FILE_VARIABLE = "PORTER_CONFIG";
    private static final String DEFAULT_FILE = "conf/config.yaml";

    private ConfigLoader() {
    }

    public static Future<PorterConfig> load(Vertx vertx) {
        String file = System.getenv().getOrDefault(CONFIG_FILE_VARIABLE, DEFAULT_FILE);
        if (!Files.isRegularFile(Path.of(file))) {
            return Future.failedFuture(new ConfigException(List.of(
                    CONFIG_FILE_VARIABLE + ": settings file '" + file + "' not found (run from Porter's folder or set "
                            + CONFIG_FILE_VARIABLE + ")")));
        }
        ConfigRetrieverOptions options = new ConfigRetrieverOptions()
                .setScanPeriod(0)
                .addStore(new ConfigStoreOptions().setType("file").setFormat("yaml")
                        .setConfig(new JsonObject().put("path", file)))
                .addStore(new ConfigStoreOptions().setType("env"));
        ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
        return retriever.getConfig()
                .eventually(retriever::close)
                .map(ConfigLoader::fromJson);
    }

    /** Parses already merged settings; tests build configs this way. */
    public static PorterConfig fromJson(JsonObject settings) {
        return new ConfigParser(settings).parse();
    }
}
