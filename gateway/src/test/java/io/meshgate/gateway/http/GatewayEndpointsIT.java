package io.meshgate.gateway.http;

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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's HTTP endpoints against a real broker that starts after the gateway: not ready while its Kafka is
 * unreachable (and saying why), ready once it answers; metrics in Prometheus text; the catalog with a schema and
 * samples read from the stream's records; JSON errors for the rest.
 */
class GatewayEndpointsIT {

    @TempDir
    static Path dataDir;
    static LocalKafkaBroker kafka;
    static Vertx vertx;
    static MeshGateway gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startGatewayBeforeItsKafka() throws Exception {
        int kafkaPort = FreePorts.pick();
        var mesh = MeshConfigLoader.parse("""
                regions:
                  eu-west: {bootstrap-servers: "127.0.0.1:%d", gateway: "http://127.0.0.1:%d"}
                  us-east: {bootstrap-servers: "127.0.0.1:1", gateway: "http://127.0.0.1:2"}
                streams:
                  orders: {origins: [eu-west]}
                  clicks: {origins: [eu-west]}
                """.formatted(kafkaPort, FreePorts.pick()), "endpoints.yaml");
        vertx = Vertx.vertx();
        gateway = MeshGateway.start(vertx, GatewaySettings.forRegion(mesh, "eu-west", "eu-west-1"))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/health/ready").body().contains("DOWN"));
        kafka = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir).withName("eu-west").withPort(kafkaPort));
        produceOrders();
    }

    /**
     * Orders 1..10 as JSON (every third with a coupon, the even ones with a customer), after one record that is not
     * JSON; partition {@code i % 3}, timestamps rising with {@code i}, so order 10 (partition 1, offset 3) is the newest.
     * {@code clicks} stays empty.
     */
    private static void produceOrders() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 3, (short) 1), new NewTopic("clicks", 1, (short) 1)));
        }
        long base = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("orders", 0, base, "binary", new byte[] {(byte) 0xff, 0x00, 0x13})).get();
            for (int i = 1; i <= 10; i++) {
                JsonObject order = new JsonObject().put("orderId", "o-" + i).put("amount", i % 2 == 0 ? i * 10 : i + 0.5);
                if (i % 3 == 0) {
                    order.put("coupon", "SAVE" + i);
                }
                if (i % 2 == 0) {
                    order.put("customer", new JsonObject().put("id", "c-" + i).put("tier", "GOLD"));
                }
                ProducerRecord<String, byte[]> record = new ProducerRecord<>("orders", i % 3, base + i * 1000L, "o-" + i,
                        order.encode().getBytes(StandardCharsets.UTF_8));
                record.headers().add("source", "it".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        kafka.close();
    }

    @Test
    void readyOnceItsKafkaAnswers() {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/health/ready").statusCode() == 200);
        JsonObject ready = new JsonObject(get("/health/ready").body());
        assertEquals("UP", ready.getString("status"));
        assertEquals(200, get("/health/live").statusCode());
    }

    @Test
    void meshStatusNamesRegionAndPeers() {
        HttpResponse<String> response = get("/v1/mesh");
        assertEquals(200, response.statusCode());
        JsonObject mesh = new JsonObject(response.body());
        assertEquals("eu-west", mesh.getString("region"));
        JsonObject peer = mesh.getJsonArray("peers").getJsonObject(0);
        assertEquals("us-east", peer.getString("region"));
        assertEquals("none", peer.getJsonObject("link").getString("state"), "eu-west replicates nothing from us-east");
    }

    @Test
    void metricsArePrometheusText() {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("text/plain; version=0.0.4"), contentType);
        assertTrue(response.body().contains("target_info{"), response.body());
        assertTrue(response.body().contains("meshgate_region=\"eu-west\""), response.body());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/metrics").body().contains("meshgate_kafka_up 1"));
    }

    @Test
    void theStatusPageIsServedAtTheRoot() {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("get('v1/mesh')"), "the page reads the mesh status");
        assertTrue(page.body().contains("get('v1/views')"), "the page reads the views' state and staleness");
        assertTrue(page.body().contains("access_token"), "the page takes a token for a secured mesh");
    }

    @Test
    void oneStreamShowsItsSchemaAndNewestSamples() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = get("/v1/streams/orders?samples=3");
            assertEquals(200, response.statusCode(), response.body());
            JsonObject schema = new JsonObject(response.body()).getJsonObject("schema");
            assertEquals(11, schema.getInteger("sampledRecords"), response.body());
        });
        JsonObject orders = new JsonObject(get("/v1/streams/orders?samples=3").body());
        assertEquals("orders", orders.getString("stream"));
        assertEquals("origin", orders.getJsonArray("here").getJsonObject(0).getString("kind"), "the catalog entry is still there");
        JsonObject schema = orders.getJsonObject("schema");
        assertEquals("object", schema.getString("type"));
        assertEquals(1, schema.getInteger("nonJsonRecords"));
        JsonObject properties = schema.getJsonObject("properties");
        assertEquals(new JsonObject().put("type", "string").put("presence", 1.0), properties.getJsonObject("orderId"));
        assertEquals("number", properties.getJsonObject("amount").getString("type"));
        assertEquals(0.3, properties.getJsonObject("coupon").getDouble("presence"));
        JsonObject customer = properties.getJsonObject("customer");
        assertEquals(0.5, customer.getDouble("presence"));
        assertEquals("string", customer.getJsonObject("properties").getJsonObject("tier").getString("type"));

        var samples = orders.getJsonArray("samples");
        assertEquals(3, samples.size());
        JsonObject newest = samples.getJsonObject(0);
        assertEquals("event", newest.getString("type"));
        assertEquals("orders", newest.getString("stream"));
        assertEquals("eu-west", newest.getString("origin"));
        assertEquals(1, newest.getInteger("partition"));
        assertEquals(3, newest.getLong("offset"));
        assertEquals("o-10", newest.getString("key"));
        assertEquals("o-10", newest.getJsonObject("value").getString("orderId"));
        assertEquals("it", newest.getJsonObject("headers").getString("source"));
        assertTrue(newest.getLong("timestamp") > 0);
        assertTrue(!newest.containsKey("cursor"), "a sample belongs to no subscription: " + newest.encode());
        assertEquals("o-9", samples.getJsonObject(1).getString("key"));
        assertEquals("o-8", samples.getJsonObject(2).getString("key"));
    }

    @Test
    void anEmptyStreamHasNoSchemaAndSaysWhy() {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/v1/streams/clicks").statusCode() == 200
                && new JsonObject(get("/v1/streams/clicks").body()).getString("schemaReason").startsWith("no records"));
        JsonObject clicks = new JsonObject(get("/v1/streams/clicks").body());
        assertTrue(clicks.containsKey("schema") && clicks.getValue("schema") == null, clicks.encode());
        assertEquals("no records in this region yet (read from clicks)", clicks.getString("schemaReason"));
        assertEquals(0, clicks.getJsonArray("samples").size());
    }

    @Test
    void theListLeavesSchemaAndSamplesOut() {
        JsonObject list = new JsonObject(get("/v1/streams").body());
        assertEquals(2, list.getJsonArray("streams").size());
        list.getJsonArray("streams").forEach(stream -> {
            assertTrue(!((JsonObject) stream).containsKey("schema") && !((JsonObject) stream).containsKey("samples"),
                    stream.toString());
        });
    }

    @Test
    void theNumberOfSamplesIsChecked() {
        for (String bad : List.of("21", "-1", "many")) {
            HttpResponse<String> response = get("/v1/streams/orders?samples=" + bad);
            assertEquals(400, response.statusCode(), bad);
            JsonObject error = new JsonObject(response.body());
            assertEquals("catalog.samples.invalid", error.getString("error"));
            assertTrue(error.getString("message").contains("from 0 to 20, got '" + bad + "'"), error.getString("message"));
        }
        HttpResponse<String> none = get("/v1/streams/orders?samples=0");
        assertEquals(200, none.statusCode(), none.body());
        assertEquals(0, new JsonObject(none.body()).getJsonArray("samples").size());
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrors() throws Exception {
        HttpResponse<String> missing = get("/v1/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals("http.not-found", new JsonObject(missing.body()).getString("error"));

        HttpResponse<String> wrongMethod = HTTP.send(request("/v1/mesh").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertEquals("http.method-not-allowed", new JsonObject(wrongMethod.body()).getString("error"));

        HttpResponse<String> plainLink = get("/v1/link");
        assertEquals(400, plainLink.statusCode());
        assertEquals("link.upgrade-required", new JsonObject(plainLink.body()).getString("error"));
    }

    @Test
    void webSocketsOpenOnlyOnTheSubscribeAndLinkPaths() throws Exception {
        HttpResponse<String> plainSubscribe = get("/v1/streams/orders/subscribe");
        assertEquals(400, plainSubscribe.statusCode());
        assertEquals("subscribe.upgrade-required", new JsonObject(plainSubscribe.body()).getString("error"));

        // The server upgrades WebSockets itself, before the router: any other path is refused before the handshake.
        var client = vertx.createWebSocketClient();
        try {
            var refused = client.connect(gateway.port(), "127.0.0.1", "/v1/mesh").toCompletionStage().toCompletableFuture()
                    .handle((socket, failure) -> failure).get(10, TimeUnit.SECONDS);
            assertTrue(refused instanceof io.vertx.core.http.UpgradeRejectedException, String.valueOf(refused));
            assertEquals(404, ((io.vertx.core.http.UpgradeRejectedException) refused).getStatus());

            var subscribed = new java.util.concurrent.CompletableFuture<JsonObject>();
            client.connect(gateway.port(), "127.0.0.1", "/v1/streams/orders/subscribe?from=earliest&credit=1")
                    .onSuccess(socket -> socket.textMessageHandler(text -> subscribed.complete(new JsonObject(text))))
                    .onFailure(subscribed::completeExceptionally);
            assertEquals("subscribed", subscribed.get(10, TimeUnit.SECONDS).getString("type"));
        } finally {
            client.close();
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path));
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
