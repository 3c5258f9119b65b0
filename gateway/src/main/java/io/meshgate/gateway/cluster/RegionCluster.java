package io.meshgate.gateway.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.meshgate.config.RegionConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.UUID;

/**
 * The Vert.x cluster of one region's gateway instances, over Hazelcast. Regions never share a cluster: its name
 * is the mesh and region, and members find each other only at the addresses the region lists in
 * {@code cluster-members}. Failure detection is tuned for handing work over within seconds, not minutes.
 */
public final class RegionCluster {

    private final HazelcastInstance hazelcast;
    private final Vertx vertx;

    private RegionCluster(HazelcastInstance hazelcast, Vertx vertx) {
        this.hazelcast = hazelcast;
        this.vertx = vertx;
    }

    /**
     * Joins (or founds) the cluster as instance {@code instance} (1-based), listening at the Nth member address.
     * Blocks while Hazelcast starts: call it from a plain thread, never an event loop.
     */
    public static RegionCluster join(String mesh, RegionConfig region, int instance) {
        if (instance < 1 || instance > region.clusterMembers().size()) {
            throw new IllegalArgumentException("region '" + region.id() + "' lists " + region.clusterMembers().size()
                    + " cluster-members, so --instance must be 1.." + region.clusterMembers().size() + ", got " + instance);
        }
        String self = region.clusterMembers().get(instance - 1);
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config(mesh, region, self));
        try {
            Vertx vertx = Vertx.builder().withClusterManager(new HazelcastClusterManager(hazelcast)).buildClustered()
                    .toCompletionStage().toCompletableFuture().join();
            return new RegionCluster(hazelcast, vertx);
        } catch (RuntimeException e) {
            hazelcast.shutdown();
            throw e;
        }
    }

    static Config config(String mesh, RegionConfig region, String self) {
        int colon = self.lastIndexOf(':');
        String host = self.substring(0, colon);
        int port = Integer.parseInt(self.substring(colon + 1));
        // Vert.x's own defaults (the maps its event bus and HA use, with backups), then our network and identity.
        Config config = ConfigUtil.loadConfig();
        // A Hazelcast instance made outside Vert.x must carry the Vert.x node id the cluster manager looks for.
        config.getMemberAttributeConfig().setAttribute("__vertx.nodeId", UUID.randomUUID().toString());
        config.setClusterName("meshgate-" + mesh + "-" + region.id());
        config.setInstanceName("meshgate-" + region.id() + "-" + port);
        // Seconds, not Hazelcast's minute: a dead instance's work must move within the 15 s operators expect.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false).setPublicAddress(self);
        network.getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(region.clusterMembers());
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /**
     * Leaves the cluster: Vert.x first (it unregisters from the cluster), then Hazelcast. Chained as a
     * CompletionStage, not on a Vert.x context: that context is closing and might never run a continuation.
     */
    public Future<Void> leave() {
        return Future.fromCompletionStage(vertx.close().toCompletionStage()
                .handle((closed, failure) -> {
                    hazelcast.shutdown();
                    return null;
                }));
    }
}
