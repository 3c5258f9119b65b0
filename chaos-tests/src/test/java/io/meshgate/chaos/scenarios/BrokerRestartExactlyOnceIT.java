package io.meshgate.chaos.scenarios;

import io.meshgate.localkafka.LocalKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Brokers crash too: while records stream from eu-west to us-east, the receiving region's broker is killed with
 * SIGKILL (open replica transactions die with it) and restarted, then the origin's broker. Gateways keep running,
 * retry, and the replica ends exact: every record once, in order.
 */
class BrokerRestartExactlyOnceIT {

    private static final int RECORDS = 30_000;
    private static final int PER_SECOND = 1_500;
    private static final String STREAMS = ScenarioYaml.ORDERS_FROM_EU_WEST;
    private static final String LINKS = ScenarioYaml.FAST_LINKS;

    @TempDir
    static Path dataDir;
    static TwoRegionMesh mesh;

    @BeforeAll
    static void startMesh() throws Exception {
        mesh = new TwoRegionMesh(dataDir, STREAMS, LINKS, Map.of("orders", 3));
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void theReplicaIsExactAfterTheReceivingAndTheOriginBrokerCrash() throws Exception {
        String origin = mesh.euKafka.bootstrapServers();
        String replica = mesh.usKafka.bootstrapServers();
        try (PacedProducer producer = PacedProducer.start(origin, "orders", RECORDS, PER_SECOND)) {
            crashAndRestartWhenReplicaHolds(mesh.usKafka, RECORDS / 4);
            crashAndRestartWhenReplicaHolds(mesh.euKafka, RECORDS / 2);
            producer.awaitDone(Duration.ofSeconds(120));
        }
        List<ConsumerRecord<String, String>> originRecords = SequencedRecords.readAll(origin, "orders", "read_committed",
                Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> MeshProbe.replica(mesh.get(TwoRegionMesh.REPLICA, "/v1/mesh")).complete(originRecords.size()));
        ReplicaAssertions.assertExactReplica("eu-west", originRecords,
                SequencedRecords.readAll(replica, "eu-west.orders", "read_committed", Duration.ofSeconds(60)));
    }

    private static void crashAndRestartWhenReplicaHolds(LocalKafkaBroker broker, long records) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertTrue(
                MeshProbe.replica(mesh.get(TwoRegionMesh.REPLICA, "/v1/mesh")).replicated() >= records,
                "replica should reach " + records + " before the crash"));
        broker.kill();
        broker.restart();
    }
}
