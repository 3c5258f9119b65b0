package io.meshgate.chaos.scenarios;

import io.meshgate.chaos.tls.TestTls;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Two regions whose gateways serve TLS themselves ({@code meshgate run --tls-cert --tls-key}, real processes) and
 * trust each other's certificate through their JVM's trust store, as an operator with a private CA sets them up:
 * us-east replicates from eu-west over a WSS link, exactly once; endpoints answer over HTTPS, and nothing is served
 * in plain text or to a client that does not trust the certificate.
 */
class TlsReplicationIT {

    private static final int RECORDS = 3_000;

    @TempDir
    static Path dataDir;
    static List<LocalKafkaBroker> brokers;
    static TestTls tls;
    static GatewayProcess euGateway;
    static GatewayProcess usGateway;
    static int euPort;

    @BeforeAll
    static void start() throws Exception {
        brokers = LocalKafkaBroker.startAll(List.of(
                LocalKafkaBroker.Settings.of(dataDir.resolve("eu")).withName("eu-west"),
                LocalKafkaBroker.Settings.of(dataDir.resolve("us")).withName("us-east")));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers.get(0).bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 3, (short) 1)));
        }
        tls = TestTls.create(dataDir);
        euPort = FreePorts.pick();
        int usPort = FreePorts.pick();
        Path meshFile = Files.writeString(dataDir.resolve("mesh.yaml"), """
                regions:
                  eu-west: {bootstrap-servers: "%s", gateway: "https://127.0.0.1:%d"}
                  us-east: {bootstrap-servers: "%s", gateway: "https://127.0.0.1:%d"}
                %s
                %s
                """.formatted(brokers.get(0).bootstrapServers(), euPort, brokers.get(1).bootstrapServers(), usPort,
                ScenarioYaml.ORDERS_FROM_EU_WEST, ScenarioYaml.FAST_LINKS));
        euGateway = GatewayProcess.startServingTls(meshFile, "eu-west", euPort, dataDir.resolve("eu-west.log"), tls);
        usGateway = GatewayProcess.startServingTls(meshFile, "us-east", usPort, dataDir.resolve("us-east.log"), tls);
    }

    @AfterAll
    static void stop() {
        for (GatewayProcess gateway : new GatewayProcess[] {usGateway, euGateway}) {
            if (gateway != null) {
                gateway.close();
            }
        }
        if (brokers != null) {
            brokers.forEach(LocalKafkaBroker::close);
        }
    }

    @Test
    void recordsCrossATlsLinkExactlyOnce() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> "up".equals(new JsonObject(usGateway.get("/v1/mesh"))
                .getJsonArray("peers").getJsonObject(0).getJsonObject("link").getString("state")));
        String origin = brokers.get(0).bootstrapServers();
        SequencedRecords.produce(origin, "orders", 0, RECORDS);
        List<ConsumerRecord<String, String>> originRecords = SequencedRecords.readAtLeast(origin, "orders", RECORDS, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> replicaRecords = SequencedRecords.readAtLeast(brokers.get(1).bootstrapServers(),
                "eu-west.orders", RECORDS, Duration.ofSeconds(90));
        ReplicaAssertions.assertExactReplica("eu-west", originRecords, replicaRecords);
    }

    @Test
    void nothingIsServedInPlainText() {
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + euPort + "/health/live")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + euPort + "/health/live")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()));
    }
}
