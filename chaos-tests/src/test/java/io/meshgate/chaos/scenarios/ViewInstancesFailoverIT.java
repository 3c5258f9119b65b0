package io.meshgate.chaos.scenarios;

import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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
    static ClusteredRegionMesh mesh;

    @BeforeAll
    static void start() throws Exception {
        mesh = new ClusteredRegionMesh(dataDir, "view-failover", Map.of("orders", 3), """
                streams:
                  orders: {origins: [eu-west]}
                views:
                  orders-by-id: {stream: orders, key: /orderId}
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void losingTheInstanceThatBuildsAViewLosesNoneOfIt() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> mesh.clusterMembersSeenBy(0) == 2);
        produce(1, FIRST);
        for (GatewayProcess instance : mesh.instances) {
            await().atMost(Duration.ofSeconds(60)).until(() -> here(instance).getLong("size") == FIRST);
        }
        assertTrue(here(mesh.instances.get(0)).getBoolean("builtByThisInstance") ^ here(mesh.instances.get(1)).getBoolean("builtByThisInstance"),
                "exactly one instance builds the view");
        int builder = here(mesh.instances.get(0)).getBoolean("builtByThisInstance") ? 0 : 1;
        GatewayProcess survivor = mesh.instances.get(1 - builder);

        mesh.instances.get(builder).kill();
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
                mesh.eu.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int n = from; n <= to; n++) {
                String id = "o-" + n;
                producer.send(new ProducerRecord<>("orders", id, new JsonObject().put("orderId", id).put("n", n).encode()));
            }
        }
    }
}
