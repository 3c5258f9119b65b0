package io.meshgate.replication;

import io.meshgate.config.RegionConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka cluster of the region this gateway runs in: the only cluster it ever connects to. Holds the client
 * settings every consumer and producer starts from, and one shared admin client.
 */
public final class LocalCluster {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /** Kafka's value for "the operating system's socket buffer size". */
    private static final String OS_SOCKET_BUFFER = "-1";

    private final RegionConfig region;
    private final Map<String, String> clientProperties;
    private final KafkaAdminClient admin;
    private final Admin kafkaAdmin;
    private final Vertx vertx;

    public LocalCluster(Vertx vertx, RegionConfig region) {
        this.region = region;
        this.clientProperties = baseClientProperties(region);
        Map<String, String> adminProperties = new HashMap<>(clientProperties);
        adminProperties.put(CommonClientConfigs.CLIENT_ID_CONFIG, "meshgate-admin-" + region.id());
        this.kafkaAdmin = Admin.create(new HashMap<>(adminProperties));
        this.admin = KafkaAdminClient.create(vertx, (AdminClient) kafkaAdmin);
        this.vertx = vertx;
    }

    /**
     * What every client of the region starts from: the region's own {@code kafka-properties} over meshgate's
     * defaults, and its bootstrap servers.
     *
     * <p>Socket buffers default to the operating system's, which grow with the traffic, rather than Kafka's fixed
     * 32-128 KiB: a fixed receive buffer is too small for the 64 KiB packets of a loopback connection (a gateway
     * beside its broker), the kernel drops what does not fit, and TCP resends it only after its ~200 ms loss probe.
     * Measured by the replication benchmark: stalls of 200 ms every few seconds at 10,000 records/s, none with these
     * defaults.
     */
    static Map<String, String> baseClientProperties(RegionConfig region) {
        Map<String, String> properties = new HashMap<>();
        properties.put(CommonClientConfigs.RECEIVE_BUFFER_CONFIG, OS_SOCKET_BUFFER);
        properties.put(CommonClientConfigs.SEND_BUFFER_CONFIG, OS_SOCKET_BUFFER);
        properties.putAll(region.kafkaProperties());
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, region.bootstrapServers());
        return Map.copyOf(properties);
    }

    public String regionId() {
        return region.id();
    }

    public RegionConfig region() {
        return region;
    }

    /** A fresh mutable copy of the base client settings, for one consumer or producer to extend. */
    public Map<String, String> clientProperties() {
        return new HashMap<>(clientProperties);
    }

    public KafkaAdminClient admin() {
        return admin;
    }

    /**
     * The same admin client, unwrapped, for the calls Vert.x's wrapper cannot express (such as creating a topic
     * with the broker's default replication factor); adapt its results with {@link KafkaFutures}.
     */
    public Admin kafkaAdmin() {
        return kafkaAdmin;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Succeeds when the cluster answers a metadata request; used by readiness checks. */
    public Future<Void> probe() {
        return admin.describeCluster().mapEmpty();
    }

    /**
     * Closes the admin client, abandoning requests still pending after a short grace period: by default Kafka
     * waits for them to time out (a minute), which would hold a shutdown hostage to an unreachable cluster.
     */
    public Future<Void> close() {
        return vertx.executeBlocking(() -> {
            kafkaAdmin.close(CLOSE_GRACE);
            return null;
        }, false);
    }
}
