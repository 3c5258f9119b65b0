package io.meshgate.chaos.scenarios;

import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscriber's gateway dies (SIGKILL, a real process) mid-stream; the subscriber resumes at another region's
 * gateway with the last cursor it received, and gets every record exactly once.
 */
class SubscriberFailoverIT {

    private static final int RECORDS = 300;

    @TempDir
    static Path dataDir;

    @Test
    void aSubscriberResumesInAnotherRegionAfterItsGatewayIsKilled() throws Exception {
        try (LocalKafkaBroker eu = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("eu")).withName("eu-west"));
             LocalKafkaBroker us = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("us")).withName("us-east"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, eu.bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 3, (short) 1)));
            int[] ports = FreePorts.pick(2);
            Path meshFile = dataDir.resolve("mesh.yaml");
            Files.writeString(meshFile, TwoRegionMesh.meshYaml(eu.bootstrapServers(), ports[0], us.bootstrapServers(), ports[1],
                    ScenarioYaml.ORDERS_FROM_EU_WEST, ScenarioYaml.FAST_LINKS));
            Vertx vertx = Vertx.vertx();
            MeshGateway euGateway = MeshGateway.start(vertx, GatewaySettings.forRegion(MeshConfigLoader.load(meshFile), "eu-west", "eu-west-1"))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            try (GatewayProcess usGateway = GatewayProcess.start(meshFile, "us-east", ports[1], dataDir.resolve("us-east.log"))) {
                SequencedRecords.produce(eu.bootstrapServers(), "orders", 0, RECORDS);
                await().atMost(Duration.ofSeconds(60)).until(() -> MeshProbe.replica(usGateway.get("/v1/mesh")).complete(RECORDS));
                WebSocketClient client = vertx.createWebSocketClient();

                Subscriber atUsEast = Subscriber.open(client, ports[1], "from=earliest&credit=100");
                await().atMost(Duration.ofSeconds(30)).until(() -> atUsEast.events().size() == 100);
                usGateway.kill();
                atUsEast.closed().get(30, TimeUnit.SECONDS);

                Subscriber atEuWest = Subscriber.open(client, ports[0],
                        "from=" + URLEncoder.encode(atUsEast.lastCursor(), StandardCharsets.UTF_8) + "&credit=1000");
                await().atMost(Duration.ofSeconds(30)).until(() -> atEuWest.events().size() >= RECORDS - 100);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> atEuWest.events().size() == RECORDS - 100);

                Set<String> delivered = new HashSet<>();
                for (JsonObject event : atUsEast.events()) {
                    assertTrue(delivered.add(event.getInteger("partition") + "@" + event.getLong("offset")), event.encode());
                }
                for (JsonObject event : atEuWest.events()) {
                    assertTrue(delivered.add(event.getInteger("partition") + "@" + event.getLong("offset")),
                            "delivered again after the failover: " + event.encode());
                }
                assertEquals(RECORDS, delivered.size(), "every record once across the failover");
            } finally {
                euGateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
