package io.meshgate.chaos.scenarios;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Active-active across three regions: every region writes its own 10,000 orders, and every region ends with all
 * 30,000, each origin's share in its own replica topic, exact and in order, none twice, none looped back
 * (hop count 1, and no replica of a replica anywhere); and every region's watermarks show it.
 */
class ThreeRegionActiveActiveIT {

    private static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");
    private static final int PER_REGION = 10_000;

    @TempDir
    static Path dataDir;
    static final Map<String, LocalKafkaBroker> KAFKA = new LinkedHashMap<>();
    static final List<MeshGateway> GATEWAYS = new ArrayList<>();
    static Vertx vertx;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startMesh() throws Exception {
        StringBuilder yaml = new StringBuilder("mesh: active-active\nregions:\n");
        for (String region : REGIONS) {
            LocalKafkaBroker broker = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve(region)).withName(region));
            KAFKA.put(region, broker);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                NewTopics.create(admin, List.of(new NewTopic("orders", 3, (short) 1)));
            }
            yaml.append("  ").append(region).append(": {bootstrap-servers: \"").append(broker.bootstrapServers())
                    .append("\", gateway: \"http://127.0.0.1:").append(FreePorts.pick()).append("\"}\n");
        }
        yaml.append("""
                streams:
                  orders: {origins: [eu-west, us-east, ap-south], replicate-to: ["*"]}
                links: {heartbeat-interval: 250ms, idle-timeout: 3s}
                """);
        MeshConfig mesh = MeshConfigLoader.parse(yaml.toString(), "active-active.yaml");
        vertx = Vertx.vertx();
        for (String region : REGIONS) {
            GATEWAYS.add(MeshGateway.start(vertx, GatewaySettings.forRegion(mesh, region, region + "-1"))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
    }

    @AfterAll
    static void stopMesh() throws Exception {
        for (MeshGateway gateway : GATEWAYS) {
            gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        KAFKA.values().forEach(LocalKafkaBroker::close);
    }

    @Test
    void everyRegionEndsWithEveryOriginsRecordsExactlyOnce() throws Exception {
        for (String region : REGIONS) {
            SequencedRecords.produce(KAFKA.get(region).bootstrapServers(), "orders", 0, PER_REGION);
        }
        Map<String, List<ConsumerRecord<String, String>>> written = new LinkedHashMap<>();
        for (String origin : REGIONS) {
            written.put(origin, SequencedRecords.readAtLeast(KAFKA.get(origin).bootstrapServers(), "orders", PER_REGION,
                    Duration.ofSeconds(30)));
        }
        for (String region : REGIONS) {
            String bootstrap = KAFKA.get(region).bootstrapServers();
            int total = written.get(region).size();
            for (String origin : REGIONS) {
                if (!origin.equals(region)) {
                    List<ConsumerRecord<String, String>> replica = SequencedRecords.readAtLeast(bootstrap, origin + ".orders",
                            PER_REGION, Duration.ofSeconds(120));
                    ReplicaAssertions.assertExactReplica(origin, written.get(origin), replica);
                    total += replica.size();
                }
            }
            assertEquals(3 * PER_REGION, total, region + " holds every region's orders once");
            assertEquals(expectedTopics(region), orderTopics(bootstrap), region + ": no replica of a replica, no loop back");
        }
        long converged = System.nanoTime();
        for (MeshGateway gateway : GATEWAYS) {
            // Every region, origin or not, can state every origin's watermarks: once all committed, nothing at risk.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertNothingAtRisk(gateway, written));
        }
        System.out.printf("watermarks showed nothing at risk in every region %d ms after the data converged%n",
                (System.nanoTime() - converged) / 1_000_000);
    }

    @Test
    void theCatalogListsEveryStreamAndWhatThisRegionHoldsOfIt() throws Exception {
        MeshGateway usEast = GATEWAYS.get(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonObject catalog = new JsonObject(get(usEast, "/v1/streams").body());
            JsonObject orders = catalog.getJsonArray("streams").getJsonObject(0);
            assertEquals("orders", orders.getString("stream"));
            assertEquals(REGIONS, orders.getJsonArray("regions").getList());
            JsonArray here = orders.getJsonArray("here");
            assertEquals(3, here.size(), here.encodePrettily());
            for (Object entry : here) {
                JsonObject share = (JsonObject) entry;
                if (share.getString("origin").equals("us-east")) {
                    assertEquals("orders", share.getString("topic"));
                    assertEquals("origin", share.getString("kind"));
                } else {
                    assertEquals(share.getString("origin") + ".orders", share.getString("topic"));
                    assertEquals("replicating", share.getString("state"), share.encode());
                    assertEquals(3, share.getInteger("partitions"), share.encode());
                }
            }
        });
        HttpResponse<String> unknown = get(usEast, "/v1/streams/ordres");
        assertEquals(404, unknown.statusCode());
        assertTrue(new JsonObject(unknown.body()).getString("message").contains("did you mean 'orders'"), unknown.body());
    }

    @Test
    void watermarksOfAnUnknownStreamAre404WithASuggestion() throws Exception {
        HttpResponse<String> response = get(GATEWAYS.get(0), "/v1/streams/ordres/watermarks");
        assertEquals(404, response.statusCode());
        JsonObject error = new JsonObject(response.body());
        assertEquals("stream.unknown", error.getString("error"));
        assertTrue(error.getString("message").contains("did you mean 'orders'"), error.getString("message"));
    }

    private static void assertNothingAtRisk(MeshGateway gateway, Map<String, List<ConsumerRecord<String, String>>> written)
            throws Exception {
        JsonObject watermarks = new JsonObject(get(gateway, "/v1/streams/orders/watermarks").body());
        JsonArray origins = watermarks.getJsonArray("origins");
        assertEquals(REGIONS.size(), origins.size(), watermarks.encodePrettily());
        for (int i = 0; i < origins.size(); i++) {
            JsonObject origin = origins.getJsonObject(i);
            String region = origin.getString("origin");
            assertEquals(0L, origin.getJsonObject("ifOriginLost").getLong("recordsAtRisk"), watermarks.encodePrettily());
            for (Object p : origin.getJsonArray("partitions")) {
                JsonObject partition = (JsonObject) p;
                long highestWritten = written.get(region).stream()
                        .filter(record -> record.partition() == partition.getInteger("partition"))
                        .mapToLong(ConsumerRecord::offset).max().orElse(-1);
                JsonObject highest = partition.getJsonObject("highestCommittedOffset");
                assertEquals(REGIONS.size(), highest.size(), "every region listed: " + partition.encode());
                for (String holder : REGIONS) {
                    assertEquals(highestWritten, highest.getLong(holder), holder + " holds all of " + region + ": " + partition.encode());
                }
            }
        }
    }

    private static HttpResponse<String> get(MeshGateway gateway, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> expectedTopics(String region) {
        Set<String> topics = new TreeSet<>(List.of("orders"));
        REGIONS.stream().filter(origin -> !origin.equals(region)).forEach(origin -> topics.add(origin + ".orders"));
        return topics;
    }

    private static Set<String> orderTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> topics = new TreeSet<>(admin.listTopics().names().get());
            topics.removeIf(topic -> !topic.endsWith("orders"));
            return topics;
        }
    }
}
