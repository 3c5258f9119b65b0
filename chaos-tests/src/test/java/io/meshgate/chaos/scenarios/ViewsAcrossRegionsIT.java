package io.meshgate.chaos.scenarios;

import io.meshgate.chaos.WanFaultProxy;
import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.meshgate.replication.position.Cursor;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Views in three regions built from a stream written in eu-west: they converge everywhere, tombstones delete, the
 * enrichment follows its table, a lookup with a staleness bound goes to a fresher region while us-east's link from
 * eu-west is cut (and stays home once it heals), a dead peer is failed fast, minOffsets reads your writes, and bad
 * requests get clear 4xx answers. us-east reaches eu-west only through a WAN fault proxy; ap-south directly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewsAcrossRegionsIT {

    private static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");
    private static final int ORDERS = 200;
    private static final int CUSTOMERS = 20;

    @TempDir
    static Path dataDir;
    static final Map<String, LocalKafkaBroker> KAFKA = new LinkedHashMap<>();
    static final Map<String, MeshGateway> GATEWAYS = new LinkedHashMap<>();
    static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    static WanFaultProxy euFromUs;
    static Vertx vertx;
    static KafkaProducer<String, String> producer;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startMesh() throws Exception {
        for (String region : REGIONS) {
            LocalKafkaBroker broker = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve(region)).withName(region));
            KAFKA.put(region, broker);
            PORTS.put(region, FreePorts.pick());
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.get("eu-west").bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 3, (short) 1), new NewTopic("customers", 2, (short) 1)));
        }
        euFromUs = WanFaultProxy.start("127.0.0.1", 0, "127.0.0.1", PORTS.get("eu-west"));
        vertx = Vertx.vertx();
        for (String region : REGIONS) {
            // Each region sees the others through its own eyes: us-east reaches eu-west only across the WAN proxy.
            int euPort = region.equals("us-east") ? euFromUs.port() : PORTS.get("eu-west");
            GATEWAYS.put(region, MeshGateway.start(vertx, GatewaySettings.forRegion(mesh(euPort), region, region + "-1")
                            .withListen("127.0.0.1", PORTS.get(region)))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.get("eu-west").bootstrapServers()),
                new StringSerializer(), new StringSerializer());
        for (int c = 1; c <= CUSTOMERS; c++) {
            customer(c, c % 2 == 0 ? "PLATINUM" : "GOLD");
        }
        for (int o = 1; o <= ORDERS; o++) {
            order(o, (o % CUSTOMERS) + 1);
        }
        producer.flush();
    }

    private static MeshConfig mesh(int euGatewayPort) {
        StringBuilder yaml = new StringBuilder("mesh: views\nregions:\n");
        for (String region : REGIONS) {
            int port = region.equals("eu-west") ? euGatewayPort : PORTS.get(region);
            yaml.append("  ").append(region).append(": {bootstrap-servers: \"").append(KAFKA.get(region).bootstrapServers())
                    .append("\", gateway: \"http://127.0.0.1:").append(port).append("\"}\n");
        }
        yaml.append("""
                streams:
                  orders: {origins: [eu-west]}
                  customers: {origins: [eu-west]}
                views:
                  orders-by-id: {stream: orders, key: /orderId}
                  customers: {stream: customers}
                  platinum-orders:
                    stream: orders
                    key: /orderId
                    enrich: {view: customers, on: /customerId, as: customer}
                    where: customer.tier == "PLATINUM"
                    fields: [orderId, customer.tier]
                links: {heartbeat-interval: 250ms, idle-timeout: 2s, reconnect-backoff-initial: 100ms, reconnect-backoff-max: 1s}
                """);
        return MeshConfigLoader.parse(yaml.toString(), "views.yaml");
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (producer != null) {
            producer.close();
        }
        for (MeshGateway gateway : GATEWAYS.values()) {
            gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (euFromUs != null) {
            euFromUs.close();
        }
        KAFKA.values().forEach(LocalKafkaBroker::close);
    }

    @Test
    @Order(1)
    void viewsConvergeInEveryRegion() {
        for (String region : REGIONS) {
            await().atMost(Duration.ofSeconds(60)).until(() -> get(region, "/v1/views/orders-by-id/keys/o-" + ORDERS).status() == 200);
            Answer answer = get(region, "/v1/views/orders-by-id/keys/o-17");
            assertEquals(200, answer.status(), answer.body().encode());
            assertEquals("c-18", answer.body().getJsonObject("value").getString("customerId"));
            assertEquals(region, answer.body().getString("region"));
            assertEquals("local", answer.body().getString("source"));
            assertTrue(answer.body().getJsonObject("asOf").containsKey("eu-west"), answer.body().encode());
            await().atMost(Duration.ofSeconds(30)).until(() -> viewHere(region, "orders-by-id").getLong("size") == ORDERS);
            // The same staleness lookups report, as a Prometheus series per view built in the region.
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics(region)
                    .matches("(?s).*\nmeshgate_view_staleness_seconds\\{view=\"orders-by-id\"\\} \\d+(\\.\\d+)?(E-?\\d+)?\n.*"));
        }
        JsonObject page = get("ap-south", "/v1/views/orders-by-id/keys?prefix=o-1&limit=5").body();
        assertEquals(List.of("o-1", "o-10", "o-100", "o-101", "o-102"),
                page.getJsonArray("entries").stream().map(entry -> ((JsonObject) entry).getString("key")).toList());
        JsonObject next = get("ap-south", "/v1/views/orders-by-id/keys?prefix=o-1&limit=5&after=" + page.getString("next")).body();
        assertEquals("o-103", next.getJsonArray("entries").getJsonObject(0).getString("key"));
    }

    @Test
    @Order(2)
    void aTombstoneDeletesTheKeyEverywhere() {
        for (String region : REGIONS) {
            await().atMost(Duration.ofSeconds(30)).until(() -> get(region, "/v1/views/customers/keys/c-3").status() == 200);
        }
        producer.send(new ProducerRecord<>("customers", "c-3", null));
        producer.flush();
        for (String region : REGIONS) {
            await().atMost(Duration.ofSeconds(30)).until(() -> get(region, "/v1/views/customers/keys/c-3").status() == 404);
            JsonObject absent = get(region, "/v1/views/customers/keys/c-3").body();
            assertEquals("view.key.not-found", absent.getString("error"));
            assertTrue(absent.getJsonObject("asOf").containsKey("eu-west"), "a 404 still says as of when: " + absent.encode());
        }
    }

    @Test
    @Order(3)
    void theEnrichmentFollowsItsTable() {
        // o-1 belongs to c-2, a PLATINUM customer; o-2 to c-3, deleted above.
        Answer platinum = get("us-east", "/v1/views/platinum-orders/keys/o-1");
        assertEquals(200, platinum.status(), platinum.body().encode());
        assertEquals(new JsonObject().put("orderId", "o-1").put("customer.tier", "PLATINUM"), platinum.body().getJsonObject("value"));
        customer(2, "SILVER");
        producer.flush();
        for (String region : REGIONS) {
            await().atMost(Duration.ofSeconds(30)).until(() -> get(region, "/v1/views/platinum-orders/keys/o-1").status() == 404);
        }
        customer(2, "PLATINUM");
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("ap-south", "/v1/views/platinum-orders/keys/o-1").status() == 200);
    }

    @Test
    @Order(4)
    void minOffsetsReadsYourWrites() throws Exception {
        RecordMetadata written = order(5_000, 7).get(10, TimeUnit.SECONDS);
        String cursor = new Cursor("orders", Map.of("eu-west", Map.of(written.partition(), written.offset() + 1))).token();
        Answer answer = get("ap-south", "/v1/views/orders-by-id/keys/o-5000?minOffsets=" + encode(cursor));
        assertEquals(200, answer.status(), "waits until the write is in the view: " + answer.body().encode());

        String future = new Cursor("orders", Map.of("eu-west", Map.of(written.partition(), written.offset() + 1_000))).token();
        Answer notYet = get("ap-south", "/v1/views/orders-by-id/keys/o-5000?minOffsets=" + encode(future));
        assertEquals(503, notYet.status());
        assertEquals("view.not-yet-reflected", notYet.body().getString("error"));
    }

    @Test
    @Order(5)
    void aStalenessBoundGoesToAFresherRegionWhileTheLinkIsCutAndStaysHomeOnceItHeals() {
        euFromUs.blackHole(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> staleness("us-east", "orders-by-id") > 3_000);
        Answer rerouted = get("us-east", "/v1/views/orders-by-id/keys/o-42?maxStalenessMs=2000");
        assertEquals(200, rerouted.status(), rerouted.body().encode());
        assertEquals("forwarded", rerouted.body().getString("source"));
        assertEquals("ap-south", rerouted.body().getString("region"), "ap-south is fresh; eu-west is behind the cut WAN");
        assertTrue(rerouted.body().getLong("stalenessMs") <= 2_000);
        Answer stale = get("us-east", "/v1/views/orders-by-id/keys/o-42?maxStalenessMs=2000&region=us-east");
        assertEquals(503, stale.status(), "asked for itself, us-east says it is too stale: " + stale.body().encode());
        assertEquals("view.too-stale", stale.body().getString("error"));
        Answer anyway = get("us-east", "/v1/views/orders-by-id/keys/o-42?maxStalenessMs=2000&region=us-east&allowStale=true");
        assertEquals(200, anyway.status());
        assertEquals("local", anyway.body().getString("source"));

        euFromUs.heal();
        await().atMost(Duration.ofSeconds(30)).until(() -> staleness("us-east", "orders-by-id") < 2_000);
        Answer home = get("us-east", "/v1/views/orders-by-id/keys/o-42?maxStalenessMs=2000");
        assertEquals("local", home.body().getString("source"), home.body().encode());
    }

    @Test
    @Order(6)
    void aDeadPeerOpensItsBreakerAndLookupsThatNeedItFailFastWhileLocalOnesCarryOn() {
        euFromUs.blackHole(true);
        try {
            // Each of these times out (or is refused once the breaker opens): failures enough to open it.
            for (int i = 0; i < 4; i++) {
                get("us-east", "/v1/views/customers/keys/c-4?region=eu-west");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> "open".equals(get("us-east", "/v1/views").body()
                    .getJsonObject("peers").getString("eu-west")));
            Answer failFast = get("us-east", "/v1/views/customers/keys/c-4?region=eu-west");
            assertEquals(503, failFast.status());
            assertEquals("view.peer.unavailable", failFast.body().getString("error"));
            Answer local = get("us-east", "/v1/views/customers/keys/c-4");
            assertEquals(200, local.status(), "local lookups are unaffected");
        } finally {
            euFromUs.heal();
        }
    }

    @Test
    @Order(7)
    void badRequestsGetClearAnswers() {
        assertError(get("eu-west", "/v1/views/orders-by-idd/keys/o-1"), 404, "view.unknown", "orders-by-id");
        assertError(get("eu-west", "/v1/views/orders-by-id/keys/o-1?maxStaleness=5"), 400, "view.parameter.unknown", "maxStalenessMs");
        assertError(get("eu-west", "/v1/views/orders-by-id/keys/o-1?maxStalenessMs=soon"), 400, "view.parameter.invalid", "maxStalenessMs");
        assertError(get("eu-west", "/v1/views/orders-by-id/keys/o-1?region=eu-wset"), 400, "view.parameter.invalid", "eu-west");
        assertError(get("eu-west", "/v1/views/orders-by-id/keys/o-1?minOffsets=c1.nope"), 400, "view.parameter.invalid", "minOffsets");
        assertError(get("eu-west", "/v1/views/orders-by-id/keys/o-1?allowStale=yes"), 400, "view.parameter.invalid", "allowStale");
        assertError(get("eu-west", "/v1/views/orders-by-id/keys?limit=0"), 400, "view.parameter.invalid", "limit");
        assertEquals(200, get("eu-west", "/health/live").status());
    }

    private static void assertError(Answer answer, int status, String code, String mentioned) {
        assertEquals(status, answer.status(), answer.body().encode());
        assertEquals(code, answer.body().getString("error"));
        assertTrue(answer.body().getString("message").contains(mentioned), answer.body().encode());
    }

    private static long staleness(String region, String view) {
        Object staleness = viewHere(region, view).getValue("stalenessMs");
        return staleness instanceof Number n ? n.longValue() : Long.MAX_VALUE;
    }

    private static JsonObject viewHere(String region, String view) {
        return get(region, "/v1/views").body().getJsonArray("views").stream().map(JsonObject.class::cast)
                .filter(entry -> entry.getString("name").equals(view)).findFirst().orElseThrow().getJsonObject("here");
    }

    private static java.util.concurrent.Future<RecordMetadata> order(int n, int customer) {
        String id = "o-" + n;
        return producer.send(new ProducerRecord<>("orders", id, new JsonObject().put("orderId", id)
                .put("customerId", "c-" + customer).put("amount", n * 1.5).encode()));
    }

    private static void customer(int n, String tier) {
        String id = "c-" + n;
        producer.send(new ProducerRecord<>("customers", id, new JsonObject().put("customerId", id).put("tier", tier).encode()));
    }

    record Answer(int status, JsonObject body) {
    }

    private static Answer get(String region, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORTS.get(region) + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isBlank() ? new JsonObject() : new JsonObject(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " at " + region + ": " + e, e);
        }
    }

    private static String metrics(String region) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORTS.get(region) + "/metrics"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("GET /metrics at " + region + ": " + e, e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
