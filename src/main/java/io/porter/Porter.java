package io.porter;

import io.porter.config.PorterConfig;
import io.porter.config.Role;
import io.porter.database.DatabaseSetup;
import io.porter.database.DatabaseUrl;
import io.porter.database.EmbeddedDatabase;
import io.porter.cleanup.CleanupVerticle;
import io.porter.exports.ExportVerticle;
import io.porter.http.HttpApiVerticle;
import io.porter.imports.ImportVerticle;
import io.porter.imports.ParseVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One running Porter node: its database (migrated before anything runs), its Vert.x instance
 * (clustered or not) and the verticles of the roles it was given.
 */
public final class Porter implements AutoCloseable {

    private final Vertx vertx;
    private final EmbeddedDatabase embedded;
    private final DatabaseUrl databaseUrl;
    private final Integer httpPort;

    private Porter(Vertx vertx, EmbeddedDatabase embedded, DatabaseUrl databaseUrl, Integer httpPort) {
        this.vertx = vertx;
        this.embedded = embedded;
        this.databaseUrl = databaseUrl;
        this.httpPort = httpPort;
    }

    /** Blocking: run from {@code main} or a test thread, never from an event loop. */
    public static Porter start(PorterConfig config) throws Exception {
        EmbeddedDatabase embedded = null;
        DatabaseUrl url;
        if (config.database().url().isPresent()) {
            url = DatabaseUrl.parse(config.database().url().get());
        } else {
            embedded = EmbeddedDatabase.start(config.database().embeddedDir());
            url = embedded.url("porter");
        }
        DatabaseSetup.prepare(url);
        VertxBuilder builder = vertxBuilder(config);
        Vertx vertx = await(config.cluster().enabled() ? builder.buildClustered() : Future.succeededFuture(builder.build()));
        try {
            Integer port = await(deployRoles(vertx, config, url));
            return new Porter(vertx, embedded, url, port);
        } catch (Exception e) {
            vertx.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    public DatabaseUrl databaseUrl() {
        return databaseUrl;
    }

    /** The HTTP port this node listens on, or null when it does not run the http role. */
    public Integer httpPort() {
        return httpPort;
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
        if (embedded != null) {
            embedded.close();
        }
    }

    private static VertxBuilder vertxBuilder(PorterConfig config) {
        VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
        if (!config.cluster().enabled()) {
            return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory());
        }
        return Vertx.builder().with(HazelcastCluster.withEventBus(options, config.cluster()))
                .withMetrics(new MicrometerMetricsFactory())
                .withClusterManager(HazelcastCluster.clusterManager(config.cluster()));
    }

    private static Future<Integer> deployRoles(Vertx vertx, PorterConfig config, DatabaseUrl url) {
        List<Future<?>> deployments = new ArrayList<>();
        for (Role role : config.roles()) {
            switch (role) {
                case HTTP -> {
                    HttpApiVerticle http = new HttpApiVerticle(config, url);
                    deployments.add(vertx.deployVerticle(http, new DeploymentOptions())
                            .map(id -> http.actualPort()));
                }
                case IMPORT -> {
                    deployments.add(vertx.deployVerticle(() -> new ParseVerticle(config, ImportVerticle.BATCH_SIZE),
                            ParseVerticle.deploymentOptions(config)));
                    deployments.add(vertx.deployVerticle(new ImportVerticle(config, url)));
                }
                case EXPORT -> deployments.add(vertx.deployVerticle(new ExportVerticle(config, url)));
                case CLEANUP -> deployments.add(vertx.deployVerticle(new CleanupVerticle(config, url, Clock.systemUTC())));
            }
        }
        return Future.all(deployments).map(all -> {
            for (Future<?> f : deployments) {
                if (f.result() instanceof Integer port) {
                    return port;
                }
            }
            return null;
        });
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
