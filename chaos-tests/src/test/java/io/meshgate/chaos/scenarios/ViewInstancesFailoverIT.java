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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateway instances of us-east (real processes, one region cluster) share their views through Hazelcast: both
 * answer every key; the one that builds the view is killed with SIGKILL, and the survivor still answers every key at
 * once (the backups), takes over building, and carries on from where the view stood.
 */
class ViewInstancesFailoverIT {

    private static final int FIRST = 1_000;
    private static final int MORE = 500;

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
            NewTopics.create(admin, List.of(new NewTopic("orders", 3, (short) 1)));
        }
        int euPort = FreePorts.pick();
        int[] usPorts = {FreePorts.pick(), FreePorts.pick()};
        int[] clusterPorts = {FreePorts.pick(), FreePorts.pick()};
        Path meshFile = dataDir.resolve("mesh.yaml");
        Files.writeString(meshFile, """
                mesh: view-failover
                regions:
                  eu-west: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                  us-east:
                    bootstrap-servers: "%s"
                    gateway: "http://127.0.0.1:%d"
                    cluster-members: ["127.0.0.1:%d", "127.0.0.1:%d"]
                streams:
                  orders: {origins: [eu-west]}
                views:
                  orders-by-id: {stream: orders, key: /orderId}
                links: {heartbeat-interval: 250ms, idle-timeout: 2s, reconnect-backoff-initial: 100ms, reconnect-backoff-max: 1s}
                """.formatted(eu.bootstrapServers(), euPort, us.bootstrapServers(), usPorts[0], clusterPorts[0], clusterPorts[1]));
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
    void losingTheInstanceThatBuildsAViewLosesNoneOfIt() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                new JsonObject(INSTANCES.get(0).get("/v1/mesh")).getJsonObject("cluster").getJsonArray("members").size() == 2);
        produce(1, FIRST);
        for (GatewayProcess instance : INSTANCES) {
            await().atMost(Duration.ofSeconds(60)).until(() -> here(instance).getLong("size") == FIRST);
        }
        assertTrue(here(INSTANCES.get(0)).getBoolean("builtByThisInstance") ^ here(INSTANCES.get(1)).getBoolean("builtByThisInstance"),
                "exactly one instance builds the view");
        int builder = here(INSTANCES.get(0)).getBoolean("builtByThisInstance") ? 0 : 1;
        GatewayProcess survivor = INSTANCES.get(1 - builder);

        INSTANCES.get(builder).kill();
        // Every key is still there, answered by the survivor from the backups of the dead instance's partitions.
        for (int n = 1; n <= FIRST; n += 37) {
            JsonObject answer = new JsonObject(survivor.get("/v1/views/orders-by-id/keys/o-" + n));
            assertEquals("o-" + n, answer.getJsonObject("value").getString("orderId"), answer.encode());
        }
        assertEquals(FIRST, here(survivor).getLong("size"));

        produce(FIRST + 1, FIRST + MORE);
        await().atMost(Duration.ofSeconds(60)).until(() -> here(survivor).getBoolean("builtByThisInstance")
                && here(survivor).getLong("size") == FIRST + MORE);
        JsonObject last = new JsonObject(survivor.get("/v1/views/orders-by-id/keys/o-" + (FIRST + MORE)));
        assertEquals(FIRST + MORE, last.getJsonObject("value").getInteger("n"));
    }

    private static JsonObject here(GatewayProcess instance) throws Exception {
        return new JsonObject(instance.get("/v1/views")).getJsonArray("views").getJsonObject(0).getJsonObject("here");
    }

    private static void produce(int from, int to) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                eu.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int n = from; n <= to; n++) {
                String id = "o-" + n;
                producer.send(new ProducerRecord<>("orders", id, new JsonObject().put("orderId", id).put("n", n).encode()));
            }
        }
    }
}
