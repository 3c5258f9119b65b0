package io.meshgate.gateway.http;

import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's HTTP endpoints against a real broker that starts after the gateway: not ready while its Kafka is
 * unreachable (and saying why), ready once it answers; metrics in Prometheus text; JSON errors for the rest.
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
                """.formatted(kafkaPort, FreePorts.pick()), "endpoints.yaml");
        vertx = Vertx.vertx();
        gateway = MeshGateway.start(vertx, GatewaySettings.forRegion(mesh, "eu-west", "eu-west-1"))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/health/ready").body().contains("DOWN"));
        kafka = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir).withName("eu-west").withPort(kafkaPort));
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
        assertTrue(page.body().contains("fetch('v1/mesh')"), "the page reads the mesh status");
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
