package io.meshgate.bench;

import io.meshgate.replication.protocol.LinkProtocol;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Checks, after the clock stopped, that a meshgate replica holds exactly the origin's records: read-committed,
 * every partition carries origin offsets 0, 1, 2, ... in order, with none missing and none twice.
 */
final class ReplicaVerifier {

    private static final Duration POLL = Duration.ofMillis(200);

    private ReplicaVerifier() {
    }

    /** What a read-back found; {@code exact()} when every origin offset appeared once, in order. */
    record Verification(long records, long outOfSequence) {
        boolean exact(long expected) {
            return records == expected && outOfSequence == 0;
        }
    }

    static Verification verify(String bootstrapServers, String replicaTopic, int partitions, long expected, Duration timeout) {
        long[] next = new long[partitions];
        long records = 0;
        long outOfSequence = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "meshgate-bench-verifier",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assignment = IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(replicaTopic, p)).toList();
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    records++;
                    long originOffset = originOffset(record);
                    if (originOffset != next[record.partition()]) {
                        outOfSequence++;
                    }
                    next[record.partition()] = originOffset + 1;
                }
            }
        }
        return new Verification(records, outOfSequence);
    }

    private static long originOffset(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(LinkProtocol.ORIGIN_OFFSET_HEADER);
        return header == null ? -1 : Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
    }
}
