package io.meshgate.chaos.scenarios;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WAN link with 100 ms one-way latency that goes dark for 5 s, comes back for 5 s, and so on, while 100,000
 * numbered records stream through it: each dark phase must be noticed (idle timeout) and healed (reconnect from
 * the committed positions), and the replica must end up exact.
 */
class FlappingLinkExactlyOnceIT {

    private static final Logger LOG = LoggerFactory.getLogger(FlappingLinkExactlyOnceIT.class);
    private static final int RECORDS = 100_000;
    private static final int RECORDS_PER_SECOND = 2_500;
    private static final Duration PHASE = Duration.ofSeconds(5);
    private static final String STREAMS = ScenarioYaml.ORDERS_FROM_EU_WEST;
    private static final String LINKS = ScenarioYaml.FAST_LINKS;

    // Kept when the test fails: broker logs, the gateway log and the data are what explains a failure.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;
    static TwoRegionMesh mesh;

    @BeforeAll
    static void startMesh() throws Exception {
        mesh = new TwoRegionMesh(dataDir, STREAMS, LINKS, Map.of("orders", 3));
        mesh.wan.latency(Duration.ofMillis(100));
        LOG.info("chaos.flapping.logs dataDir={} (kept if the test fails)", dataDir);
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void everyRecordArrivesOnceThroughALinkFlappingEveryFiveSeconds() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> "up".equals(replica().linkState()));
        LinkFlapper flapper = new LinkFlapper();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long startNanos = System.nanoTime();
        long producedNanos;
        try (PacedProducer producer = PacedProducer.start(mesh.euKafka.bootstrapServers(), "orders", RECORDS, RECORDS_PER_SECOND)) {
            timer.scheduleAtFixedRate(flapper::toggle, PHASE.toMillis(), PHASE.toMillis(), TimeUnit.MILLISECONDS);
            producer.awaitDone(Duration.ofSeconds(120));
            producedNanos = System.nanoTime();
            // Flapping goes on until the replica is complete, so the tail of the stream crosses the cuts too.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                MeshProbe.Replica now = replica();
                assertTrue(now.complete(RECORDS), "us-east should report " + RECORDS
                        + " records replicated and recordsBehind 0; reports " + now);
            });
        } finally {
            timer.shutdownNow();
            assertTrue(timer.awaitTermination(10, TimeUnit.SECONDS), "flapper stopped");
            mesh.wan.blackHole(false);
        }
        LOG.info("chaos.flapping.converged afterLastRecordMs={} totalMs={} darkPhases={} beganWhileUp={} noticed={}",
                millisSince(producedNanos), millisSince(startNanos), flapper.darkPhases, flapper.detectableDarkPhases,
                flapper.noticedDarkPhases);

        List<ConsumerRecord<String, String>> originRecords =
                SequencedRecords.readAll(mesh.euKafka.bootstrapServers(), "orders", "read_committed", Duration.ofSeconds(60));
        assertEquals(RECORDS, originRecords.size(), "records the origin holds (the producer is idempotent)");
        List<ConsumerRecord<String, String>> replicaRecords =
                SequencedRecords.readAll(mesh.usKafka.bootstrapServers(), "eu-west.orders", "read_committed", Duration.ofSeconds(60));
        ReplicaAssertions.assertExactReplica("eu-west", originRecords, replicaRecords);

        // A dark phase is 5 s, the idle timeout 2 s: each one that began on a live link must have dropped it. A
        // receiver that rode out the cuts on its stalled TCP connection would replicate exactly too, and fail here.
        long reconnects = MeshProbe.reconnects(mesh.get(TwoRegionMesh.REPLICA, "/metrics"), "eu-west");
        LOG.info("chaos.flapping.figures reconnects={} wanConnectionsAccepted={} abortedTxn={}", reconnects,
                mesh.wan.connectionsAccepted(), MeshProbe.transactions(mesh.get(TwoRegionMesh.REPLICA, "/metrics"), "aborted"));
        assertTrue(flapper.detectableDarkPhases >= 3, "the link was cut at least 3 times while up (was "
                + flapper.detectableDarkPhases + "): the scenario did not exercise what it claims");
        assertEquals(flapper.detectableDarkPhases, flapper.noticedDarkPhases,
                "dark phases at whose end the receiver still reported the link up: a dead link went unnoticed");
        assertTrue(reconnects >= flapper.detectableDarkPhases, "reconnects " + reconnects + " < full dark phases that began on a live link "
                + flapper.detectableDarkPhases + ": a dropped link was not counted");
        await().atMost(Duration.ofSeconds(30)).until(() -> "up".equals(replica().linkState()));
    }

    /**
     * Toggles the black hole on the timer thread. Counts the dark phases that began while the link was up, and of
     * those the ones at whose end the receiving gateway itself reported the link not up.
     */
    private final class LinkFlapper {
        volatile int darkPhases;
        volatile int detectableDarkPhases;
        volatile int noticedDarkPhases;
        private boolean dark;
        private boolean darkBeganWhileUp;

        void toggle() {
            try {
                if (dark) {
                    // Before healing: once bytes flow again, the origin's close of the cut connection would reach
                    // the receiver and make the link drop whether or not the receiver noticed the silence.
                    boolean noticed = !"up".equals(replica().linkState());
                    mesh.wan.blackHole(false);
                    darkPhases++;
                    if (darkBeganWhileUp) {
                        detectableDarkPhases++;
                        noticedDarkPhases += noticed ? 1 : 0;
                    }
                } else {
                    darkBeganWhileUp = "up".equals(replica().linkState());
                    mesh.wan.blackHole(true);
                }
                dark = !dark;
            } catch (Exception e) {
                LOG.error("chaos.flapping.toggle.failed", e);
            }
        }
    }

    private static MeshProbe.Replica replica() throws Exception {
        return MeshProbe.replica(mesh.get(TwoRegionMesh.REPLICA, "/v1/mesh"));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
