package io.meshgate.replication.position;

import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.meshgate.replication.protocol.LinkProtocol;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cursor positions (origin offsets) map to the right replica offsets on a real replica log: one written the way
 * meshgate writes it, in transactions, with an aborted one replayed, and with gaps in the origin offsets.
 */
class ReplicaSeekIT {

    private static final TopicPartition REPLICA = new TopicPartition("eu-west.orders", 0);

    @TempDir
    static Path dataDir;
    static LocalKafkaBroker broker;
    static final TreeMap<Long, Long> REPLICA_OFFSET_OF_ORIGIN = new TreeMap<>();
    static long endOffset;

    @BeforeAll
    static void writeReplicaLog() throws Exception {
        broker = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir).withName("us-east"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic(REPLICA.topic(), 1, (short) 1)));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "replica-seek-it"), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            transaction(producer, 0, 10, true);
            transaction(producer, 10, 15, false);   // aborted: the writer failed, and replays from 10
            transaction(producer, 10, 20, true);
            transaction(producer, 25, 30, true);    // origin offsets 20..24 were transaction markers at the origin
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(List.of(REPLICA));
            consumer.seekToBeginning(List.of(REPLICA));
            endOffset = consumer.endOffsets(List.of(REPLICA)).get(REPLICA);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (consumer.position(REPLICA) < endOffset) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.forEach(record -> REPLICA_OFFSET_OF_ORIGIN.put(ReplicaSeek.originOffset(record), record.offset()));
        }
        assertEquals(25, REPLICA_OFFSET_OF_ORIGIN.size(), "committed records: origin 0..19 and 25..29");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void everyOriginOffsetMapsToItsOwnReplicaRecord() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            ReplicaSeek seek = new ReplicaSeek(consumer);
            REPLICA_OFFSET_OF_ORIGIN.forEach((origin, replica) ->
                    assertEquals(replica, seek.replicaOffsetFor(REPLICA, origin), "origin offset " + origin));
        }
    }

    @Test
    void anOriginOffsetInAGapMapsToTheNextRecordAfterIt() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            long expected = REPLICA_OFFSET_OF_ORIGIN.get(25L);
            assertEquals(expected, new ReplicaSeek(consumer).replicaOffsetFor(REPLICA, 22));
        }
    }

    @Test
    void aCursorAheadOfTheReplicaStartsAtItsEnd() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            assertEquals(endOffset, new ReplicaSeek(consumer).replicaOffsetFor(REPLICA, 30));
            assertEquals(endOffset, new ReplicaSeek(consumer).replicaOffsetFor(REPLICA, 1_000));
        }
    }

    @Test
    void theOriginPositionBeforeAReplicaOffsetIsOneAfterTheLastCommittedRecord() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            ReplicaSeek seek = new ReplicaSeek(consumer);
            assertEquals(0, seek.originNextBefore(REPLICA, 0));
            assertEquals(30, seek.originNextBefore(REPLICA, endOffset), "after everything: one past origin offset 29");
            REPLICA_OFFSET_OF_ORIGIN.forEach((origin, replica) ->
                    assertEquals(origin + 1, seek.originNextBefore(REPLICA, replica + 1), "just after origin offset " + origin));
        }
    }

    private static void transaction(KafkaProducer<byte[], byte[]> producer, long from, long to, boolean commit) {
        producer.beginTransaction();
        for (long origin = from; origin < to; origin++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(LinkProtocol.ORIGIN_OFFSET_HEADER, Long.toString(origin).getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(REPLICA.topic(), 0, null, ("k" + origin).getBytes(StandardCharsets.UTF_8),
                    new byte[8], headers));
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
