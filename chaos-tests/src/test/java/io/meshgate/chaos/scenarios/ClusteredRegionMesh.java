package io.meshgate.chaos.scenarios;

import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The mesh of the scale-out scenarios: eu-west, a real broker with its gateway in this JVM, and us-east, a real broker
 * with two gateway instances, real processes that form one region cluster over Hazelcast, so a test can kill one.
 */
final class ClusteredRegionMesh implements AutoCloseable {

    static final String CLUSTERED = "us-east";

    final LocalKafkaBroker eu;
    final LocalKafkaBroker us;
    /** us-east's instances 1 and 2, in that order. */
    final List<GatewayProcess> instances = new ArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private MeshGateway euGateway;

    /**
     * @param originTopics  eu-west topics to create before any gateway starts, with their partition counts
     * @param sectionsYaml  the mesh file's {@code streams:} section, and any {@code views:} after it
     */
    ClusteredRegionMesh(Path dataDir, String meshName, Map<String, Integer> originTopics, String sectionsYaml)
            throws Exception {
        List<LocalKafkaBroker> brokers = LocalKafkaBroker.startAll(List.of(
                LocalKafkaBroker.Settings.of(dataDir.resolve("eu")).withName("eu-west"),
                LocalKafkaBroker.Settings.of(dataDir.resolve("us")).withName(CLUSTERED)));
        eu = brokers.get(0);
        us = brokers.get(1);
        try {
            start(dataDir, meshName, originTopics, sectionsYaml);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void start(Path dataDir, String meshName, Map<String, Integer> originTopics, String sectionsYaml)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, eu.bootstrapServers()))) {
            NewTopics.create(admin, originTopics.entrySet().stream()
                    .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1)).toList());
        }
        int euPort = FreePorts.pick();
        int[] usPorts = {FreePorts.pick(), FreePorts.pick()};
        int[] clusterPorts = {FreePorts.pick(), FreePorts.pick()};
        Path meshFile = dataDir.resolve("mesh.yaml");
        Files.writeString(meshFile, """
                mesh: %s
                regions:
                  eu-west: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                  us-east:
                    bootstrap-servers: "%s"
                    gateway: "http://127.0.0.1:%d"
                    cluster-members: ["127.0.0.1:%d", "127.0.0.1:%d"]
                %s
                links: {heartbeat-interval: 250ms, idle-timeout: 2s, reconnect-backoff-initial: 100ms, reconnect-backoff-max: 1s}
                """.formatted(meshName, eu.bootstrapServers(), euPort, us.bootstrapServers(), usPorts[0],
                clusterPorts[0], clusterPorts[1], sectionsYaml.strip()));
        euGateway = MeshGateway.start(vertx, GatewaySettings.forRegion(MeshConfigLoader.load(meshFile), "eu-west", "eu-west-1"))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        for (int instance = 1; instance <= 2; instance++) {
            instances.add(GatewayProcess.start(meshFile, CLUSTERED, instance, usPorts[instance - 1],
                    dataDir.resolve("us-east-" + instance + ".log")));
        }
    }

    /** How many members instance {@code index} (0-based) sees in its region cluster. */
    int clusterMembersSeenBy(int index) throws Exception {
        return new JsonObject(instances.get(index).get("/v1/mesh")).getJsonObject("cluster").getJsonArray("members").size();
    }

    @Override
    public void close() throws Exception {
        instances.forEach(GatewayProcess::close);
        if (euGateway != null) {
            euGateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        // Not composed onto stop(): a continuation on a context of the closing Vert.x instance may never run.
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        us.close();
        eu.close();
    }
}
