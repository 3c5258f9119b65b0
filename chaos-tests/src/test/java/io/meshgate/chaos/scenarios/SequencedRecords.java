package io.meshgate.chaos.scenarios;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/** Writes numbered records with real Kafka clients, and reads a whole topic back, read-committed. */
final class SequencedRecords {

    /*
     * Explicit create times, distinct from any time a broker would stamp, yet recent: a broker's first retention pass
     * (30 s after it starts) deletes every segment whose newest timestamp is older than retention.ms (7 days by
     * default), the active one included, so records stamped in 2023 vanish from origin and replica mid-test.
     */
    private static final long BASE_TIMESTAMP = (System.currentTimeMillis() - 3_600_000L) / 1000 * 1000;

    private SequencedRecords() {
    }

    /** Writes records {@code from..to-1}: key {@code key-(n % 64)}, value {@code seq-n}, header {@code seq=n}. */
    static void produce(String bootstrap, String topic, int from, int to) {
        produce(bootstrap, topic, from, to, UnaryOperator.identity());
    }

    /**
     * Writes records {@code from..to-1} as {@link #record} numbers them, each passed through {@code shape} (to pad
     * values, say), and checks that the broker acknowledged every one: a scenario that counts on N records in the
     * origin must fail here, naming the broker's reason, rather than later as an apparent replication loss.
     */
    static void produce(String bootstrap, String topic, int from, int to,
                        UnaryOperator<ProducerRecord<String, String>> shape) {
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            for (int n = from; n < to; n++) {
                producer.send(shape.apply(record(topic, n)), (metadata, failure) -> {
                    if (failure != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                });
            }
            producer.flush();
        }
        if (firstFailure.get() != null) {
            throw new AssertionError("the broker at " + bootstrap + " did not take " + failed.get() + " of the "
                    + (to - from) + " records written to '" + topic + "'; the first failure: " + firstFailure.get(),
                    firstFailure.get());
        }
    }

    /** Record number {@code n}: key {@code key-(n % 64)}, value {@code seq-n}, header {@code seq=n}, timestamp an hour ago + n ms. */
    static ProducerRecord<String, String> record(String topic, int n) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("seq", Integer.toString(n).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, BASE_TIMESTAMP + n, "key-" + (n % 64), "seq-" + n, headers);
    }

    /**
     * Reads everything the topic holds now, to its end offsets: the last stable offsets for {@code read_committed},
     * the high watermarks for {@code read_uncommitted}. Exact, with no settling time: call it once writers are done
     * (a transaction left open would hold a read-committed read at its start).
     */
    static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, String isolationLevel, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, isolationLevel)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return records;
    }

    /** Reads the topic from the start until it holds at least {@code expected} records, or the timeout passes. */
    static List<ConsumerRecord<String, String>> readAtLeast(String bootstrap, String topic, int expected, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, "read_committed")) {
            await().atMost(timeout).until(() -> consumer.listTopics().containsKey(topic));
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            // Anything beyond the expected count would be a duplicate: drain what is already there.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String isolationLevel) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }
}
