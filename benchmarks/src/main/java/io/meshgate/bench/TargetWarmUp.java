package io.meshgate.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerCeiling.producerConfig(brokers.target().bootstrapServers(), "meshgate-bench-target-warm-up"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(TOPIC, Payloads.key(i), payloads.value(i)), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new BenchmarkException("target warm-up: a send failed: " + failure.get().getMessage(), failure.get());
        }
        targetAdmin.deleteTopic(TOPIC);
        return records;
    }
}
