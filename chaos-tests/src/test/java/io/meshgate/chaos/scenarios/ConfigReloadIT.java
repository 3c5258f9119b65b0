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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams added to or removed from the mesh file take effect in running gateways, from a file change or from
 * {@code POST /v1/admin/reload}; a broken file or one that changes what needs a restart is refused and the
 * gateways keep replicating on the config they have.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigReloadIT {

    @TempDir
    static Path dataDir;
    static LocalKafkaBroker eu;
    static LocalKafkaBroker us;
    static Path meshFile;
    static int euPort;
    static int usPort;
    static Vertx vertx;
    static MeshGateway euGateway;
    static MeshGateway usGateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        eu = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("eu")).withName("eu-west"));
        us = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("us")).withName("us-east"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, eu.bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 2, (short) 1), new NewTopic("payments", 2, (short) 1)));
        }
        euPort = FreePorts.pick();
        usPort = FreePorts.pick();
        meshFile = dataDir.resolve("mesh.yaml");
        Files.writeString(meshFile, mesh("orders: {origins: [eu-west]}", "8s"));
        vertx = Vertx.vertx();
        var config = MeshConfigLoader.load(meshFile);
        euGateway = start(GatewaySettings.forRegion(config, "eu-west", "eu-west-1").withConfigFile(meshFile));
        usGateway = start(GatewaySettings.forRegion(config, "us-east", "us-east-1").withConfigFile(meshFile));
        SequencedRecords.produce(eu.bootstrapServers(), "orders", 0, 100);
        SequencedRecords.readAtLeast(us.bootstrapServers(), "eu-west.orders", 100, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        usGateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        euGateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        us.close();
        eu.close();
    }

    @Test
    @Order(1)
    void aStreamAddedToTheFileStartsReplicating() throws Exception {
        SequencedRecords.produce(eu.bootstrapServers(), "payments", 0, 500);
        long changed = System.nanoTime();
        Files.writeString(meshFile, mesh("orders: {origins: [eu-west]}\n  payments: {origins: [eu-west]}", "8s"));
        ReplicaAssertions.assertExactReplica("eu-west",
                SequencedRecords.readAtLeast(eu.bootstrapServers(), "payments", 500, Duration.ofSeconds(30)),
                SequencedRecords.readAtLeast(us.bootstrapServers(), "eu-west.payments", 500, Duration.ofSeconds(30)));
        System.out.printf("new stream replicated %d ms after the file changed%n", (System.nanoTime() - changed) / 1_000_000);
    }

    @Test
    @Order(2)
    void reloadingAnUnchangedFileSaysSo() throws Exception {
        HttpResponse<String> response = reload(usGateway);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("unchanged", new JsonObject(response.body()).getString("status"));
    }

    @Test
    @Order(3)
    void aBrokenFileIsRefusedAndReplicationGoesOn() throws Exception {
        String good = Files.readString(meshFile);
        Files.writeString(meshFile, good.replace("payments: {origins: [eu-west]}", "payments: {origins: [eu-wset]}"));
        HttpResponse<String> response = reload(usGateway);
        assertEquals(400, response.statusCode(), response.body());
        JsonObject body = new JsonObject(response.body());
        assertEquals("invalid", body.getString("status"));
        assertTrue(body.getJsonArray("problems").getString(0).contains("did you mean 'eu-west'"), response.body());

        SequencedRecords.produce(eu.bootstrapServers(), "orders", 100, 200);
        SequencedRecords.readAtLeast(us.bootstrapServers(), "eu-west.orders", 200, Duration.ofSeconds(30));
        Files.writeString(meshFile, good);
        assertEquals(200, reload(usGateway).statusCode());
    }

    @Test
    @Order(4)
    void changingLinkSettingsNeedsARestart() throws Exception {
        String good = Files.readString(meshFile);
        Files.writeString(meshFile, good.replace("idle-timeout: 8s", "idle-timeout: 9s"));
        HttpResponse<String> response = reload(euGateway);
        assertEquals(409, response.statusCode(), response.body());
        assertTrue(new JsonObject(response.body()).getString("message").contains("links settings changed"), response.body());
        Files.writeString(meshFile, good);
        assertEquals(200, reload(euGateway).statusCode());
    }

    @Test
    @Order(5)
    void aStreamRemovedFromTheFileStopsReplicating() throws Exception {
        Files.writeString(meshFile, mesh("orders: {origins: [eu-west]}", "8s"));
        for (MeshGateway gateway : List.of(euGateway, usGateway)) {
            HttpResponse<String> response = reload(gateway);
            assertEquals(200, response.statusCode(), response.body());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !meshStatus(usGateway).contains("\"payments\""));
        // Once the reload answered, the replicator is stopped: records written now stay in eu-west.
        SequencedRecords.produce(eu.bootstrapServers(), "payments", 500, 600);
        SequencedRecords.produce(eu.bootstrapServers(), "orders", 200, 300);
        SequencedRecords.readAtLeast(us.bootstrapServers(), "eu-west.orders", 300, Duration.ofSeconds(30));
        assertEquals(500, SequencedRecords.readAtLeast(us.bootstrapServers(), "eu-west.payments", 500,
                Duration.ofSeconds(10)).size(), "payments after its removal must not be replicated");
    }

    private static String mesh(String streams, String idleTimeout) {
        return """
                regions:
                  eu-west: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                  us-east: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                streams:
                  %s
                links:
                  heartbeat-interval: 250ms
                  idle-timeout: %s
                  reconnect-backoff-initial: 100ms
                  reconnect-backoff-max: 1s
                """.formatted(eu.bootstrapServers(), euPort, us.bootstrapServers(), usPort, streams, idleTimeout);
    }

    private static MeshGateway start(GatewaySettings settings) throws Exception {
        return MeshGateway.start(vertx, settings).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> reload(MeshGateway gateway) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/admin/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String meshStatus(MeshGateway gateway) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/mesh")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
