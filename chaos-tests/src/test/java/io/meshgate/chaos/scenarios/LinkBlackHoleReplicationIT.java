package io.meshgate.chaos.scenarios;

import io.vertx.core.json.JsonObject;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replication across a slow WAN that is cut for five seconds mid-stream: 10,000 numbered records written to
 * eu-west reach us-east's replica complete, once each, in order per partition, with their keys, values,
 * timestamps and headers, after the link was declared dead and reconnected.
 */
class LinkBlackHoleReplicationIT {

    private static final int RECORDS = 10_000;
    private static final String STREAMS = ScenarioYaml.ORDERS_FROM_EU_WEST;
    private static final String LINKS = ScenarioYaml.FAST_LINKS;

    @TempDir
    static Path dataDir;
    static TwoRegionMesh mesh;

    @BeforeAll
    static void startMesh() throws Exception {
        mesh = new TwoRegionMesh(dataDir, STREAMS, LINKS, Map.of("orders", 3));
        mesh.wan.latency(Duration.ofMillis(50));
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void everyRecordArrivesOnceInOrderAcrossABlackHoledLink() throws Exception {
        String origin = mesh.euKafka.bootstrapServers();
        String replica = mesh.usKafka.bootstrapServers();
        SequencedRecords.produce(origin, "orders", 0, RECORDS / 2);
        SequencedRecords.readAtLeast(replica, "eu-west.orders", 1_000, Duration.ofSeconds(60));

        mesh.wan.blackHole(true);
        SequencedRecords.produce(origin, "orders", RECORDS / 2, RECORDS);
        // The receiving gateway must notice the dead link by itself (idle timeout), as with a real WAN cut.
        await().atMost(Duration.ofSeconds(10)).until(() -> !"up".equals(linkState()));
        assertTrue(mesh.get(TwoRegionMesh.REPLICA, "/health/ready").contains("\"links\""), "readiness names the link check");
        assertEquals(503, mesh.status(TwoRegionMesh.REPLICA, "/health/ready"), "not ready while the link is down");
        // ...and keep reporting it down for as long as the cut lasts: no false "up" from a held connection.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> !"up".equals(linkState()));
        mesh.wan.blackHole(false);

        await().atMost(Duration.ofSeconds(30)).until(() -> "up".equals(linkState()));
        List<ConsumerRecord<String, String>> originRecords = SequencedRecords.readAtLeast(origin, "orders", RECORDS, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> replicaRecords = SequencedRecords.readAtLeast(replica, "eu-west.orders", RECORDS, Duration.ofSeconds(120));
        ReplicaAssertions.assertExactReplica("eu-west", originRecords, replicaRecords);
        await().atMost(Duration.ofSeconds(10)).until(() -> totalRecordsBehind() == 0L);
        assertEquals(200, mesh.status(TwoRegionMesh.REPLICA, "/health/ready"));
        // Counted at commit, so exactly-once shows in the metric too: every record counted once, aborts excluded.
        assertTrue(mesh.get(TwoRegionMesh.REPLICA, "/metrics")
                .contains("meshgate_replication_records_total{origin=\"eu-west\",stream=\"orders\"} 10000.0"),
                "records counter equals the records replicated");
    }

    private static String linkState() throws Exception {
        JsonObject status = new JsonObject(mesh.get(TwoRegionMesh.REPLICA, "/v1/mesh"));
        return status.getJsonArray("peers").getJsonObject(0).getJsonObject("link").getString("state");
    }

    private static Long totalRecordsBehind() throws Exception {
        JsonObject status = new JsonObject(mesh.get(TwoRegionMesh.REPLICA, "/v1/mesh"));
        return status.getJsonArray("replicas").getJsonObject(0).getLong("recordsBehind");
    }
}
