package io.meshgate.gateway.demo;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.meshgate.observability.Events;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A whole mesh on one machine: a real single-node Kafka broker per region (child processes), a gateway per
 * region (in this JVM, one Vert.x instance), the mesh config in the data folder, generators writing orders in
 * every region (active-active) and customers in the first. {@link #close()} stops everything, gateways before brokers.
 */
public final class Demo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    /** A gateway stops in about a second; one that waits on Kafka longer than this is left behind, not waited for. */
    private static final Duration GATEWAY_STOP = Duration.ofSeconds(10);
    private static final Duration VERTX_CLOSE = Duration.ofSeconds(5);

    private final Path dataDir;
    private final List<DemoRegion> regions;
    private final List<LocalKafkaBroker> brokers = new ArrayList<>();
    private final List<MeshGateway> gateways = new ArrayList<>();
    private Vertx vertx;
    private final List<OrderGenerator> orderGenerators = new ArrayList<>();
    private CustomerGenerator customerGenerator;
    private Path meshFile;

    private Demo(Path dataDir, List<DemoRegion> regions) {
        this.dataDir = dataDir;
        this.regions = regions;
    }

    /** Starts brokers, then gateways, then the generator; on failure stops what started and rethrows. */
    public static Demo start(Path dataDir, int ordersPerSecond) {
        // On exit, close() stops the gateways before their brokers; the brokers' own exit hook waits for that.
        LocalKafkaBroker.letOwnerStopFirstOnExit(GATEWAY_STOP.multipliedBy(DemoRegion.ALL.size()).plus(VERTX_CLOSE));
        Demo demo = new Demo(dataDir, DemoRegion.ALL);
        try {
            demo.startAll(ordersPerSecond);
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void startAll(int ordersPerSecond) {
        meshFile = DemoMeshFile.write(dataDir, regions);
        MeshConfig mesh = MeshConfigLoader.load(meshFile);
        startBrokers();
        for (DemoRegion region : regions) {
            createTopics(region, region == regions.get(0));
        }
        vertx = Vertx.vertx();
        for (DemoRegion region : regions) {
            GatewaySettings settings = GatewaySettings.forRegion(mesh, region.id(), region.id() + "-1").withConfigFile(meshFile);
            gateways.add(await(MeshGateway.start(vertx, settings)));
        }
        for (DemoRegion region : regions) {
            OrderGenerator orders = new OrderGenerator(region.bootstrapServers(), DemoMeshFile.ORDERS_TOPIC, region.id());
            orderGenerators.add(orders);
            orders.start(ordersPerSecond);
        }
        customerGenerator = new CustomerGenerator(regions.get(0).bootstrapServers(), DemoMeshFile.CUSTOMERS_TOPIC);
        customerGenerator.start();
        Events.info(LOG, "demo.started", "dataDir", dataDir, "regions", regions.size(), "ordersPerSecond", ordersPerSecond);
    }

    private void startBrokers() {
        brokers.addAll(LocalKafkaBroker.startAll(regions.stream()
                .map(region -> LocalKafkaBroker.Settings.of(dataDir.resolve("kafka-" + region.id()))
                        .withName(region.id())
                        .withPort(region.kafkaPort())
                        .withControllerPort(region.controllerPort()))
                .toList()));
    }

    /** Every region writes orders; the first is also the origin of the compacted customers table. */
    private static void createTopics(DemoRegion region, boolean customersOrigin) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(DemoMeshFile.ORDERS_TOPIC, DemoMeshFile.PARTITIONS, (short) 1));
        if (customersOrigin) {
            topics.add(new NewTopic(DemoMeshFile.CUSTOMERS_TOPIC, DemoMeshFile.PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, region.bootstrapServers()))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic '" + topic.name() + "' in " + region.id()
                                + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
            // The generators write at once: a write before a new partition's log opens can be lost (see NewTopics).
            NewTopics.awaitWritable(admin, topics.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Path meshFile() {
        return meshFile;
    }

    public List<DemoRegion> regions() {
        return regions;
    }

    public long ordersSent() {
        return orderGenerators.stream().mapToLong(OrderGenerator::sent).sum();
    }

    @Override
    public void close() {
        orderGenerators.forEach(OrderGenerator::close);
        if (customerGenerator != null) {
            customerGenerator.close();
        }
        for (MeshGateway gateway : gateways) {
            try {
                gateway.stop().toCompletionStage().toCompletableFuture().get(GATEWAY_STOP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Events.warn(LOG, "demo.gateway.stop-failed", "region", gateway.settings().region(),
                        "cause", "not stopped within " + GATEWAY_STOP.toSeconds() + " s; going on with the others");
            } catch (Exception e) {
                Events.warn(LOG, "demo.gateway.stop-failed", "region", gateway.settings().region(), "cause", e.getMessage());
            }
        }
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(VERTX_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Events.warn(LOG, "demo.vertx.close-failed", "withinSeconds", VERTX_CLOSE.toSeconds(), "cause", e.toString(),
                        "then", "stopping the brokers anyway");
            }
        }
        brokers.forEach(LocalKafkaBroker::stop);
        Events.info(LOG, "demo.stopped", "dataDir", dataDir);
    }
}
