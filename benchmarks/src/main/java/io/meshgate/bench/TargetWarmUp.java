package io.meshgate.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.List;

/**
 * Warms the target broker before either replicator runs. The fill and the consumer ceiling warm the origin broker,
 * but nothing wrote to the target yet: the first system to replicate would pay for compiling the target broker's
 * write path (about 3 CPU s here) and the second would not. A plain producer writing a quarter of the records into a
 * scratch topic there, deleted afterwards, gives both systems the same warm broker on both sides.
 */
final class TargetWarmUp {

    static final String TOPIC = "bench-target-warm-up";

    private TargetWarmUp() {
    }

    /** Writes {@code records / 4} benchmark records into a scratch topic on the target broker, then deletes it. */
    static long run(BenchBrokers brokers, BenchAdmin targetAdmin, ReplicationBenchSettings settings, Payloads payloads) {
        long records = Math.max(1, settings.records() / 4);
        targetAdmin.createTopics(List.of(TOPIC), settings.partitions());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerCeiling.producerConfig(brokers.target().bootstrapServers(), "meshgate-bench-target-warm-up"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerCeiling.writeAll(producer, TOPIC, records, payloads, "target warm-up");
        }
        targetAdmin.deleteTopic(TOPIC);
        return records;
    }
}
