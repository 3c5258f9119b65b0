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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateway instances of us-east, real processes in one region cluster, split the region's replication work;
 * one is killed with SIGKILL mid-stream and the other takes its work over, and every replica ends exact.
 */
class RegionInstancesFailoverIT {

    private static final List<String> STREAMS = List.of("orders", "payments", "clicks", "shipments");
    private static final int PER_STREAM = 4_000;

    @TempDir
    static Path dataDir;
    static LocalKafkaBroker eu;
    static LocalKafkaBroker us;
    static Vertx vertx;
    static MeshGateway euGateway;
    static final List<GatewayProcess> INSTANCES = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        eu = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("eu")).withName("eu-west"));
        us = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("us")).withName("us-east"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, eu.bootstrapServers()))) {
            NewTopics.create(admin, STREAMS.stream().map(stream -> new NewTopic(stream, 2, (short) 1)).toList());
        }
        int euPort = FreePorts.pick();
        int[] usPorts = {FreePorts.pick(), FreePorts.pick()};
        int[] clusterPorts = {FreePorts.pick(), FreePorts.pick()};
        Path meshFile = dataDir.resolve("mesh.yaml");
        Files.writeString(meshFile, """
                mesh: failover
                regions:
                  eu-west: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                  us-east:
                    bootstrap-servers: "%s"
                    gateway: "http://127.0.0.1:%d"
                    cluster-members: ["127.0.0.1:%d", "127.0.0.1:%d"]
                streams:
                %s
                links: {heartbeat-interval: 250ms, idle-timeout: 2s, reconnect-backoff-initial: 100ms, reconnect-backoff-max: 1s}
                """.formatted(eu.bootstrapServers(), euPort, us.bootstrapServers(), usPorts[0], clusterPorts[0], clusterPorts[1],
                String.join("\n", STREAMS.stream().map(stream -> "  " + stream + ": {origins: [eu-west]}").toList())));
        vertx = Vertx.vertx();
        euGateway = MeshGateway.start(vertx, GatewaySettings.forRegion(MeshConfigLoader.load(meshFile), "eu-west", "eu-west-1"))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        for (int instance = 1; instance <= 2; instance++) {
            INSTANCES.add(GatewayProcess.start(meshFile, "us-east", instance, usPorts[instance - 1],
                    dataDir.resolve("us-east-" + instance + ".log")));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        INSTANCES.forEach(GatewayProcess::close);
        if (euGateway != null) {
            euGateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        us.close();
        eu.close();
    }

    @Test
    void theSurvivorTakesOverTheKilledInstancesWorkExactlyOnce() throws Exception {
        // Both instances in one cluster, each stream replicated by exactly one of them.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Set<String>> shares = shares();
            Set<String> union = new HashSet<>(shares.get(0));
            union.addAll(shares.get(1));
            assertEquals(Set.copyOf(STREAMS), union, "every stream has an owner: " + shares);
            assertTrue(shares.get(0).stream().noneMatch(shares.get(1)::contains), "no stream has two owners: " + shares);
            assertEquals(2, new JsonObject(INSTANCES.get(0).get("/v1/mesh")).getJsonObject("cluster").getJsonArray("members").size());
        });
        List<Set<String>> before = shares();
        int victim = before.get(0).size() >= before.get(1).size() ? 0 : 1;
        System.out.println("work before the kill: instance 1 " + before.get(0) + ", instance 2 " + before.get(1));

        for (String stream : STREAMS) {
            SequencedRecords.produce(eu.bootstrapServers(), stream, 0, PER_STREAM / 2);
        }
        SequencedRecords.readAtLeast(us.bootstrapServers(), "eu-west." + before.get(victim).iterator().next(), 500, Duration.ofSeconds(60));
        INSTANCES.get(victim).kill();
        long killed = System.nanoTime();
        for (String stream : STREAMS) {
            SequencedRecords.produce(eu.bootstrapServers(), stream, PER_STREAM / 2, PER_STREAM);
        }
        GatewayProcess survivor = INSTANCES.get(1 - victim);
        await().atMost(Duration.ofSeconds(60)).until(() -> shares(survivor).containsAll(STREAMS));
        System.out.printf("the survivor replicates all %d streams %d ms after the kill%n", STREAMS.size(),
                (System.nanoTime() - killed) / 1_000_000);

        for (String stream : STREAMS) {
            ReplicaAssertions.assertExactReplica("eu-west",
                    SequencedRecords.readAtLeast(eu.bootstrapServers(), stream, PER_STREAM, Duration.ofSeconds(30)),
                    SequencedRecords.readAtLeast(us.bootstrapServers(), "eu-west." + stream, PER_STREAM, Duration.ofSeconds(90)));
        }
    }

    private static List<Set<String>> shares() throws Exception {
        return List.of(shares(INSTANCES.get(0)), shares(INSTANCES.get(1)));
    }

    /** The streams an instance replicates right now (state replicating), from its /v1/mesh. */
    private static Set<String> shares(GatewayProcess instance) throws Exception {
        Set<String> streams = new HashSet<>();
        for (Object replica : new JsonObject(instance.get("/v1/mesh")).getJsonArray("replicas")) {
            JsonObject json = (JsonObject) replica;
            if ("replicating".equals(json.getString("state"))) {
                streams.add(json.getString("stream"));
            }
        }
        return streams;
    }
}
