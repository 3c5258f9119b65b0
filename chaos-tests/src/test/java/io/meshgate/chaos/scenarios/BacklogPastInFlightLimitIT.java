package io.meshgate.chaos.scenarios;

import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A finite backlog well past the receiver's in-flight limit, waiting in the origin topic before either gateway
 * starts (as in {@code bench startup}): the receiver must pause the link, resume it, and do so again until the
 * very last record, including the partial batches at the end of each partition, is committed exactly once, even
 * when a transaction fails while the link is paused (the writer is fenced, as when another instance takes over).
 */
class BacklogPastInFlightLimitIT {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogPastInFlightLimitIT.class);
    /** 48 MiB of values: three times the receiver's 16 MiB in-flight limit. */
    private static final int RECORDS = 48_000;
    private static final int VALUE_BYTES = 1024;
    private static final int PARTITIONS = 6;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;
    static TwoRegionMesh mesh;

    @BeforeAll
    static void startMesh() throws Exception {
        mesh = new TwoRegionMesh(dataDir, ScenarioYaml.ORDERS_FROM_EU_WEST, ScenarioYaml.FAST_LINKS,
                Map.of("orders", PARTITIONS), BacklogPastInFlightLimitIT::fill);
        LOG.info("chaos.backlog.logs dataDir={} (kept if the test fails)", dataDir);
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aBacklogLargerThanTheInFlightLimitArrivesToTheLastRecordOnce() throws Exception {
        // A commit that fails while the link is paused: the receiver resumes the link as it drops its queue. Batches
        // that were already read then arrive at once, before the replicator has started over.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> link().getString("pausedSince") != null);
        fenceReplicaWriter();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            MeshProbe.Replica now = MeshProbe.replica(mesh.get(TwoRegionMesh.REPLICA, "/v1/mesh"));
            assertTrue(now.complete(RECORDS), "us-east should report " + RECORDS
                    + " records replicated and recordsBehind 0; reports " + now + "; link " + link());
        });
        JsonObject link = link();
        LOG.info("chaos.backlog.converged link={}", link.encode());
        assertTrue(link.getLong("pauses") >= 1, "the receiver never paused the link (" + link.encode()
                + "): the scenario did not exercise what it claims");
        assertTrue(MeshProbe.transactions(mesh.get(TwoRegionMesh.REPLICA, "/metrics"), "aborted") >= 1,
                "no transaction failed: fencing the writer while the link was paused did not exercise what it claims");

        List<ConsumerRecord<String, String>> originRecords =
                SequencedRecords.readAll(mesh.euKafka.bootstrapServers(), "orders", "read_committed", Duration.ofSeconds(60));
        assertEquals(RECORDS, originRecords.size(), "records the origin holds");
        List<ConsumerRecord<String, String>> replicaRecords =
                SequencedRecords.readAll(mesh.usKafka.bootstrapServers(), "eu-west.orders", "read_committed", Duration.ofSeconds(60));
        ReplicaAssertions.assertExactReplica("eu-west", originRecords, replicaRecords);
    }

    /**
     * Opens a producer with the receiver's transactional id (the one {@code ReplicaWriter} derives from region,
     * stream and origin): its init fences the gateway's writer, whose current transaction then fails to commit.
     */
    private static void fenceReplicaWriter() {
        try (KafkaProducer<String, String> fencer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, mesh.usKafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "meshgate.us-east.orders.eu-west"),
                new StringSerializer(), new StringSerializer())) {
            fencer.initTransactions();
        }
        LOG.info("chaos.backlog.fenced link={}", uncheckedLink());
    }

    private static String uncheckedLink() {
        try {
            return link().encode();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static JsonObject link() throws Exception {
        return new JsonObject(mesh.get(TwoRegionMesh.REPLICA, "/v1/mesh")).getJsonArray("peers").getJsonObject(0)
                .getJsonObject("link");
    }

    /** The sequenced records, each value padded to {@value #VALUE_BYTES} bytes. */
    private static void fill(String bootstrap) {
        String padding = "x".repeat(VALUE_BYTES);
        SequencedRecords.produce(bootstrap, "orders", 0, RECORDS, sequenced -> new ProducerRecord<>("orders", null,
                sequenced.timestamp(), sequenced.key(), (sequenced.value() + "-" + padding).substring(0, VALUE_BYTES),
                sequenced.headers()));
    }
}
