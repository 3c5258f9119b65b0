package io.meshgate.chaos.scenarios;

import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receiving gateway crashes (SIGKILL, no shutdown hook, a transaction possibly half written) three times at
 * random points while 100,000 numbered records stream in, and comes back each time: the replica still ends up
 * exact, since records and positions commit in one Kafka transaction and a restarted writer fences the dead
 * one's open transaction. The seed of the kill points is logged; rerun one with {@code -Dmeshgate.chaos.seed=N}.
 */
class ReceiverKilledExactlyOnceIT {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverKilledExactlyOnceIT.class);
    private static final int RECORDS = 100_000;
    private static final int RECORDS_PER_SECOND = 2_500;
    private static final int KILLS = 3;
    private static final String STREAMS = ScenarioYaml.ORDERS_FROM_EU_WEST;
    private static final String LINKS = ScenarioYaml.FAST_LINKS;

    // Kept when the test fails: broker logs, the gateway log and the data are what explains a failure.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;
    static LocalKafkaBroker euKafka;
    static LocalKafkaBroker usKafka;
    static Vertx euVertx;
    static MeshGateway euGateway;
    static GatewayProcess usGateway;

    @BeforeAll
    static void startMesh() throws Exception {
        euKafka = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("eu-west")).withName("eu-west"));
        usKafka = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("us-east")).withName("us-east"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, euKafka.bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 3, (short) 1)));
        }
        int[] ports = FreePorts.pick(2);
        Path meshFile = dataDir.resolve("mesh.yaml");
        Files.writeString(meshFile, TwoRegionMesh.meshYaml(euKafka.bootstrapServers(), ports[0],
                usKafka.bootstrapServers(), ports[1], STREAMS, LINKS));
        // The origin stays up in this JVM; only the receiving side is a process, since only it is killed.
        euVertx = Vertx.vertx();
        euGateway = MeshGateway.start(euVertx, GatewaySettings.forRegion(MeshConfigLoader.load(meshFile), "eu-west", "eu-west-1"))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        usGateway = GatewayProcess.start(meshFile, "us-east", ports[1], dataDir.resolve("us-east-gateway.log"));
    }

    @AfterAll
    static void stopMesh() throws Exception {
        // Every step runs whatever an earlier one threw: a broker left running would slow every later test class.
        try (AutoCloseable eu = () -> close(euKafka); AutoCloseable us = () -> close(usKafka);
             AutoCloseable vertx = () -> {
                 if (euVertx != null) {
                     euVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                 }
             };
             AutoCloseable origin = () -> {
                 if (euGateway != null) {
                     euGateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                 }
             };
             AutoCloseable receiver = () -> close(usGateway)) {
            LOG.info("chaos.receiver-kill.teardown dataDir={}", dataDir);
        }
    }

    private static void close(AutoCloseable resource) throws Exception {
        if (resource != null) {
            resource.close();
        }
    }

    @Test
    void everyRecordArrivesOnceAcrossThreeReceiverCrashes() throws Exception {
        long seed = Long.getLong("meshgate.chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        long[] killAt = killPoints(random);
        LOG.info("chaos.receiver-kill.plan seed={} killAtReplicated={} (rerun with -Dmeshgate.chaos.seed={})",
                seed, Arrays.toString(killAt), seed);
        LOG.info("chaos.receiver-kill.logs dataDir={} (kept if the test fails)", dataDir);
        long startNanos = System.nanoTime();
        try (PacedProducer producer = PacedProducer.start(euKafka.bootstrapServers(), "orders", RECORDS, RECORDS_PER_SECOND)) {
            for (int kill = 0; kill < KILLS; kill++) {
                long threshold = killAt[kill];
                int number = kill + 1;
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                    MeshProbe.Replica now = replica();
                    assertTrue(now.replicated() >= threshold, "before kill " + number + " the replica should reach "
                            + threshold + " records; stuck at " + now);
                });
                MeshProbe.Replica before = replica();
                long pid = usGateway.pid();
                usGateway.kill();
                long restartNanos = System.nanoTime();
                usGateway.restart();
                LOG.info("chaos.receiver-kill.done kill={} killedPid={} replicatedAtKill={} originAcknowledged={} restartMs={}",
                        number, pid, before.replicated(), producer.acknowledged(), millisSince(restartNanos));
            }
            producer.awaitDone(Duration.ofSeconds(120));
        }
        long producedNanos = System.nanoTime();

        // The restarted gateway must itself report that it has caught up: its positions reach the origin's log ends.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            MeshProbe.Replica now = replica();
            assertTrue(now.complete(RECORDS), "the restarted gateway should report " + RECORDS
                    + " records replicated and recordsBehind 0; reports " + now);
        });
        LOG.info("chaos.receiver-kill.converged afterLastRecordMs={} totalMs={}", millisSince(producedNanos), millisSince(startNanos));

        List<ConsumerRecord<String, String>> originRecords =
                SequencedRecords.readAll(euKafka.bootstrapServers(), "orders", "read_committed", Duration.ofSeconds(60));
        assertEquals(RECORDS, originRecords.size(), "records the origin holds (the producer is idempotent)");
        List<ConsumerRecord<String, String>> replicaRecords =
                SequencedRecords.readAll(usKafka.bootstrapServers(), "eu-west.orders", "read_committed", Duration.ofSeconds(60));
        ReplicaAssertions.assertExactReplica("eu-west", originRecords, replicaRecords);

        // Records of transactions the kills cut short are in the log but aborted: invisible above, counted here.
        int written = SequencedRecords.readAll(usKafka.bootstrapServers(), "eu-west.orders", "read_uncommitted",
                Duration.ofSeconds(60)).size();
        String metrics = usGateway.get("/metrics");
        LOG.info("chaos.receiver-kill.figures replicaRecords={} abortedRecordsInLog={} lastProcessTxnCommitted={} lastProcessTxnAborted={}",
                replicaRecords.size(), written - replicaRecords.size(),
                MeshProbe.transactions(metrics, "committed"), MeshProbe.transactions(metrics, "aborted"));
    }

    /** One kill point per equal band of 10%..90% of the records, so that kills are random yet spread out. */
    private static long[] killPoints(Random random) {
        long low = RECORDS / 10;
        long band = (RECORDS * 8L / 10) / KILLS;
        long[] points = new long[KILLS];
        for (int i = 0; i < KILLS; i++) {
            points[i] = low + i * band + random.nextLong(band);
        }
        return points;
    }

    private static MeshProbe.Replica replica() throws Exception {
        return MeshProbe.replica(usGateway.get("/v1/mesh"));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
