package io.meshgate.replication.replica;

import io.meshgate.config.MeshConfigLoader;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.LinkProtocol;
import io.meshgate.replication.protocol.RecordBatch;
import io.meshgate.replication.protocol.ReplicatedRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two-lane group commit on a real broker: what arrives is committed once, in order, by both lanes in turn, with
 * its positions; and when a lane fails, nothing behind the failure commits.
 */
class GroupCommitIT {

    private static final int PARTITIONS = 3;

    @TempDir
    static Path dataDir;
    static LocalKafkaBroker broker;
    static Vertx vertx;
    static LocalCluster cluster;
    static PositionStore store;

    @BeforeAll
    static void start() throws Exception {
        broker = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir).withName("us-east"));
        vertx = Vertx.vertx();
        cluster = new LocalCluster(vertx, MeshConfigLoader.parse("""
                regions:
                  eu-west: {bootstrap-servers: "127.0.0.1:1", gateway: "http://127.0.0.1:1"}
                  us-east: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:2"}
                streams:
                  orders: {origins: [eu-west]}
                  fenced: {origins: [eu-west]}
                """.formatted(broker.bootstrapServers()), "group-commit.yaml").region("us-east"));
        store = new PositionStore(cluster);
        store.ensureTopic();
        NewTopics.create(cluster.kafkaAdmin(), List.of(new NewTopic("eu-west.orders", PARTITIONS, (short) 1),
                new NewTopic("eu-west.fenced", PARTITIONS, (short) 1)));
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        broker.close();
    }

    @Test
    void everyBatchCommitsOnceInOrderWithItsPositionsOnBothLanes() throws Exception {
        Recorded outcome = new Recorded();
        Context context = vertx.getOrCreateContext();
        GroupCommit commits = new GroupCommit(vertx, outcome);
        List<ReplicaWriter> lanes = openLanes("orders");
        context.runOnContext(v -> commits.use(lanes));

        // Batches arrive a few at a time, as from a link, so that transactions follow one another on both lanes.
        int batches = 300;
        long[] next = new long[PARTITIONS];
        AtomicInteger added = new AtomicInteger();
        context.runOnContext(v -> vertx.setPeriodic(1, timer -> {
            for (int i = 0; i < 3 && added.get() < batches; i++) {
                int partition = added.getAndIncrement() % PARTITIONS;
                commits.add(batch("orders", partition, next[partition], 4));
                next[partition] += 4;
            }
            if (added.get() == batches) {
                vertx.cancelTimer(timer);
            }
        }));

        Map<Integer, Long> expected = Map.of(0, 400L, 1, 400L, 2, 400L);
        await().atMost(Duration.ofSeconds(60)).until(() -> expected.equals(outcome.positions()));
        assertEquals(1200, outcome.records.get(), "each record committed once");
        assertTrue(outcome.transactions.get() > 2, "several transactions: " + outcome.transactions.get());
        assertTrue(outcome.failures.isEmpty(), "no failure: " + outcome.failures);

        assertEquals(expected, store.load("orders", "eu-west"), "the stored positions are those committed");
        for (int partition = 0; partition < PARTITIONS; partition++) {
            assertEquals(offsets(0, 400), originOffsets("eu-west.orders", partition),
                    "partition " + partition + ": every origin offset once, in order");
        }
        List<String> transactionalIds = cluster.kafkaAdmin().listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                .map(TransactionListing::transactionalId).toList();
        assertTrue(transactionalIds.containsAll(List.of(ReplicaWriter.transactionalId("us-east", "orders", "eu-west", 0),
                ReplicaWriter.transactionalId("us-east", "orders", "eu-west", 1))), "both lanes wrote: " + transactionalIds);

        context.runOnContext(v -> commits.close());
    }

    @Test
    void aFencedLaneFailsTheGroupAndNothingBehindItCommits() throws Exception {
        Recorded outcome = new Recorded();
        Context context = vertx.getOrCreateContext();
        GroupCommit commits = new GroupCommit(vertx, outcome);
        List<ReplicaWriter> lanes = openLanes("fenced");
        context.runOnContext(v -> {
            commits.use(lanes);
            commits.add(batch("fenced", 0, 0, 5));  // lane 0
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> outcome.transactions.get() == 1);

        // Another writer takes lane 1's transactional id, as a competing gateway would.
        try (KafkaProducer<byte[], byte[]> competitor = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, ReplicaWriter.transactionalId("us-east", "fenced", "eu-west", 1)),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            competitor.initTransactions();
            context.runOnContext(v -> {
                commits.add(batch("fenced", 0, 5, 5));  // lane 1: fenced
                commits.add(batch("fenced", 1, 0, 5));  // queued behind it
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> !outcome.failures.isEmpty());
        }

        assertEquals(1, outcome.failures.size(), "one failure reported: " + outcome.failures);
        assertEquals(1, outcome.transactions.get(), "nothing committed after the first transaction");
        assertEquals(Map.of(0, 5L), store.load("fenced", "eu-west"), "positions stop before the failure");
        assertEquals(offsets(0, 5), originOffsets("eu-west.fenced", 0));
        assertEquals(List.of(), originOffsets("eu-west.fenced", 1));
        // Reported after the writers were let go (the failure list publishes it): the replicator opens new ones.
        assertFalse(commits.hasWriter(), "the failed writers are closed, not reused");
    }

    private static List<ReplicaWriter> openLanes(String stream) {
        return IntStream.range(0, GroupCommit.LANES).mapToObj(lane -> {
            ReplicaWriter writer = new ReplicaWriter(cluster, stream, "eu-west", "eu-west." + stream, lane);
            writer.init();
            return writer;
        }).toList();
    }

    private static RecordBatch batch(String stream, int partition, long firstOffset, int count) {
        List<ReplicatedRecord> records = new ArrayList<>();
        for (long offset = firstOffset; offset < firstOffset + count; offset++) {
            records.add(new ReplicatedRecord(offset, 1_767_225_600_000L + offset, ("k" + offset).getBytes(StandardCharsets.UTF_8),
                    ("v" + offset).getBytes(StandardCharsets.UTF_8), List.of()));
        }
        return new RecordBatch(stream, 1, partition, records);
    }

    /** The origin offsets in one replica partition, read-committed, in log order. */
    private static List<Long> originOffsets(String topic, int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<Long> offsets = new ArrayList<>();
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    offsets.add(Long.parseLong(new String(record.headers().lastHeader(LinkProtocol.ORIGIN_OFFSET_HEADER).value(),
                            StandardCharsets.UTF_8)));
                }
            }
            return offsets;
        }
    }

    /** What the group commit reported; written on the event loop, read by the test thread. */
    private static final class Recorded implements GroupCommit.Outcome {
        final Map<Integer, Long> positions = new HashMap<>();
        final AtomicInteger records = new AtomicInteger();
        final AtomicInteger transactions = new AtomicInteger();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void committed(Map<Integer, Long> positionsAfter, int records, long bytes) {
            positions.putAll(positionsAfter);
            this.records.addAndGet(records);
            transactions.incrementAndGet();
        }

        @Override
        public void failed(Throwable cause) {
            failures.add(cause);
        }

        synchronized Map<Integer, Long> positions() {
            return Map.copyOf(positions);
        }
    }

    private static List<Long> offsets(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }
}
