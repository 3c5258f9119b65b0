package io.meshgate.gateway.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.gateway.security.TestJwt;
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
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a {@code security} section, the HTTP endpoints beside subscriptions: a stream's catalog entry (with its
 * samples) and its watermarks only for its readers, the mesh status for any authenticated client, the admin API
 * only for {@code security.admins}; health, metrics and the status page open. Refusals are JSON 401/403, and
 * denials are audited.
 */
class EndpointSecurityIT {

    @TempDir
    static Path dataDir;
    static LocalKafkaBroker kafka;
    static Vertx vertx;
    static MeshGateway gateway;
    static Path meshFile;
    static int gatewayPort;
    static TestJwt issuer;
    static TestJwt stranger;
    static final List<String> AUDIT = new CopyOnWriteArrayList<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        kafka = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("kafka")).withName("eu-west"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 1, (short) 1), new NewTopic("payroll", 1, (short) 1)));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("orders", "o-1", "{\"orderId\":\"o-1\",\"amount\":12.5}")).get();
        }
        vertx = Vertx.vertx();
        Path publicKey = dataDir.resolve("jwt.pem");
        issuer = TestJwt.create(vertx, publicKey);
        stranger = TestJwt.create(vertx, null);
        captureAuditEvents();
        meshFile = dataDir.resolve("secured.yaml");
        gatewayPort = FreePorts.pick();
        Files.writeString(meshFile, meshYaml("[role:ops]"));
        gateway = MeshGateway.start(vertx, GatewaySettings.forRegion(MeshConfigLoader.load(meshFile), "eu-west", "eu-west-1")
                        .withConfigFile(meshFile))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static String meshYaml(String admins) {
        return """
                regions:
                  eu-west: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                streams:
                  orders: {origins: [eu-west]}
                  payroll: {origins: [eu-west]}
                views:
                  orders-by-id: {stream: orders, key: /orderId}
                  payroll-by-key: {stream: payroll}
                security:
                  jwt: {public-key-file: "%s", issuer: "%s"}
                  readers:
                    orders: [role:analytics]
                    payroll: [user:hr]
                    payroll-by-key: [role:analytics]
                  admins: %s
                """.formatted(kafka.bootstrapServers(), gatewayPort, dataDir.resolve("jwt.pem"), TestJwt.ISSUER, admins);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        kafka.close();
    }

    @Test
    void aViewIsForItsOwnReadersOrElseItsStreamsReaders() {
        assertRefused(get("/v1/views/orders-by-id/keys/o-1", null), 401, "auth.missing");
        assertRefused(get("/v1/views/orders-by-id/keys/o-1", issuer.token("bob", "sales")), 403, "auth.denied");
        assertTrue(AUDIT.stream().anyMatch(line -> line.startsWith("audit.read.denied ") && line.contains("principal=bob")
                && line.contains("view=orders-by-id")), AUDIT.toString());
        String alice = issuer.token("alice", "analytics");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/v1/views/orders-by-id/keys/o-1", alice).statusCode() == 200);
        assertEquals(12.5, new JsonObject(get("/v1/views/orders-by-id/keys/o-1", alice).body()).getJsonObject("value")
                .getDouble("amount"));
        // The view's own entry decides, not its stream's: analytics may read payroll-by-key, hr may not.
        assertEquals(404, get("/v1/views/payroll-by-key/keys/nobody", alice).statusCode());
        assertRefused(get("/v1/views/payroll-by-key/keys/nobody", issuer.token("hr", "payroll")), 403, "auth.denied");
        assertEquals(200, get("/health/views", null).statusCode(), "staleness numbers are open, like health");
    }

    @Test
    void aStreamAndItsSamplesOnlyForItsReaders() {
        assertRefused(get("/v1/streams/orders", null), 401, "auth.missing");
        HttpResponse<String> denied = get("/v1/streams/orders", issuer.token("bob", "sales"));
        JsonObject refusal = assertRefused(denied, 403, "auth.denied");
        assertFalse(refusal.containsKey("samples") || refusal.containsKey("schema"), denied.body());
        assertTrue(AUDIT.stream().anyMatch(line -> line.startsWith("audit.read.denied ") && line.contains("principal=bob")
                && line.contains("stream=orders")), AUDIT.toString());

        String alice = issuer.token("alice", "analytics");
        await().atMost(Duration.ofSeconds(30)).until(() -> new JsonObject(get("/v1/streams/orders", alice).body())
                .getJsonArray("samples").size() == 1);
        JsonObject orders = new JsonObject(get("/v1/streams/orders", alice).body());
        assertEquals("o-1", orders.getJsonArray("samples").getJsonObject(0).getString("key"));
        assertEquals("number", orders.getJsonObject("schema").getJsonObject("properties").getJsonObject("amount").getString("type"));
    }

    @Test
    void watermarksFollowTheReadersOfTheStream() {
        assertRefused(get("/v1/streams/orders/watermarks", null), 401, "auth.missing");
        assertRefused(get("/v1/streams/orders/watermarks", stranger.token("mallory", "analytics")), 401, "auth.invalid");
        assertRefused(get("/v1/streams/orders/watermarks", issuer.token("bob", "sales")), 403, "auth.denied");
        HttpResponse<String> allowed = get("/v1/streams/orders/watermarks", issuer.token("alice", "analytics"));
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals("eu-west", new JsonObject(allowed.body()).getJsonArray("origins").getJsonObject(0).getString("origin"));
    }

    @Test
    void anUnknownStreamIsAnsweredWithOnlyTheStreamsTheClientMayRead() {
        HttpResponse<String> nearOrders = get("/v1/streams/ordrs/watermarks", issuer.token("alice", "analytics"));
        JsonObject error = assertRefused(nearOrders, 404, "stream.unknown");
        assertTrue(error.getString("message").contains("did you mean 'orders'?"), error.getString("message"));
        assertFalse(error.getString("message").contains("payroll"), "alice may not read payroll: " + error.getString("message"));
        JsonObject nearPayroll = assertRefused(get("/v1/streams/payrol", issuer.token("alice", "analytics")), 404, "stream.unknown");
        assertFalse(nearPayroll.getString("message").contains("payroll"), nearPayroll.getString("message"));
    }

    @Test
    void theMeshStatusNeedsAnyValidToken() {
        assertRefused(get("/v1/mesh", null), 401, "auth.missing");
        assertRefused(get("/v1/mesh", stranger.token("mallory", "ops")), 401, "auth.invalid");
        HttpResponse<String> anyClient = get("/v1/mesh", issuer.token("bob", "sales"));
        assertEquals(200, anyClient.statusCode(), anyClient.body());
        assertEquals("jwt", new JsonObject(anyClient.body()).getString("security"));
    }

    @Test
    void healthMetricsAndTheStatusPageStayOpen() {
        assertEquals(200, get("/health/live", null).statusCode());
        assertTrue(List.of(200, 503).contains(get("/health/ready", null).statusCode()));
        assertEquals(200, get("/metrics", null).statusCode());
        assertEquals(200, get("/", null).statusCode());
    }

    @Test
    void theAdminApiNeedsAnAdminAndNewAdminsApplyOnReload() throws Exception {
        String alice = issuer.token("alice", "analytics");
        assertRefused(post("/v1/admin/reload", null), 401, "auth.missing");
        assertRefused(post("/v1/admin/reload", alice), 403, "auth.denied");
        assertTrue(AUDIT.stream().anyMatch(line -> line.startsWith("audit.admin.denied ") && line.contains("principal=alice")),
                AUDIT.toString());
        HttpResponse<String> byAdmin = post("/v1/admin/reload", issuer.token("olga", "ops"));
        assertEquals(200, byAdmin.statusCode(), byAdmin.body());
        assertEquals("unchanged", new JsonObject(byAdmin.body()).getString("status"));

        Files.writeString(meshFile, meshYaml("[role:ops, user:alice]"));
        // Applied by the file watcher or by this very request, whichever comes first; no restart either way.
        await().atMost(Duration.ofSeconds(30)).until(() -> post("/v1/admin/reload", alice).statusCode() == 200);
    }

    private static JsonObject assertRefused(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = new JsonObject(response.body());
        assertEquals(code, error.getString("error"), response.body());
        assertFalse(error.getString("message", "").isBlank(), response.body());
        if (status == 401) {
            assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
        }
        return error;
    }

    private static HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    private static HttpResponse<String> post(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void captureAuditEvents() {
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                AUDIT.add(event.getFormattedMessage());
            }
        };
        appender.start();
        for (Class<?> auditing : List.of(HttpAccess.class, io.meshgate.gateway.view.ViewEndpoints.class)) {
            ((Logger) LoggerFactory.getLogger(auditing)).addAppender(appender);
        }
    }
}
