package io.porter;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.porter.config.PorterConfig;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * How a node joins the cluster: Hazelcast found by TCP-IP join on the configured members (no
 * multicast, no cloud auto-detection), bound to the cluster host only, and the event bus reachable
 * on that same host. Any process that uses this configuration joins as a member, Porter roles or not.
 */
public final class HazelcastCluster {

    private static final String LOGGING_TYPE = "hazelcast.logging.type";

    private HazelcastCluster() {
    }

    public static ClusterManager clusterManager(PorterConfig.Cluster settings) {
        return new HazelcastClusterManager(hazelcastConfig(settings));
    }

    /** Vert.x's own defaults (its maps' backup counts) with Porter's network, join and housekeeping settings. */
    public static Config hazelcastConfig(PorterConfig.Cluster settings) {
        // Hazelcast reads the logging type from the system property before it reads its config.
        if (System.getProperty(LOGGING_TYPE) == null) {
            System.setProperty(LOGGING_TYPE, "slf4j");
        }
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(settings.name());
        config.setProperty(LOGGING_TYPE, "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // A joining member otherwise waits 5 s for others before it looks for the cluster.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        // Porter's shutdown hook closes Vert.x, which leaves the cluster; Hazelcast's own hook would race it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getJetConfig().setEnabled(false);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).clear().addInterface(settings.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
        return config;
    }

    /** The event bus listens on the cluster host (any free port) and tells other members that address. */
    public static VertxOptions withEventBus(VertxOptions options, PorterConfig.Cluster settings) {
        return options.setEventBusOptions(new EventBusOptions()
                .setHost(settings.host())
                .setClusterPublicHost(settings.host()));
    }
}
