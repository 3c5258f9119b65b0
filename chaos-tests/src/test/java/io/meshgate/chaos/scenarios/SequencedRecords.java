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

import static org.awaitility.Awaitility.await;

/** Writes numbered records with real Kafka clients, and reads a whole topic back, read-committed. */
final class SequencedRecords {

    private SequencedRecords() {
    }

    /** Writes records {@code from..to-1}: key {@code key-(n % 64)}, value {@code seq-n}, header {@code seq=n}. */
    static void produce(String bootstrap, String topic, int from, int to) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            for (int n = from; n < to; n++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("seq", Integer.toString(n).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(topic, null, 1_700_000_000_000L + n, "key-" + (n % 64), "seq-" + n, headers));
            }
            producer.flush();
        }
    }

    /** Reads the topic from the start until it holds at least {@code expected} records, or the timeout passes. */
    static List<ConsumerRecord<String, String>> readAtLeast(String bootstrap, String topic, int expected, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
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

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }
}
