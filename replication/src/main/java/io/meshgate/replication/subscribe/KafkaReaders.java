package io.meshgate.replication.subscribe;

import io.meshgate.replication.LocalCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.HashMap;
import java.util.Map;

/** The Kafka consumers subscriptions read with: assigned (no group), read-committed, never committing offsets. */
final class KafkaReaders {

    private KafkaReaders() {
    }

    static KafkaConsumer<byte[], byte[]> consumer(LocalCluster cluster, String clientId, int maxPollRecords) {
        Map<String, Object> properties = new HashMap<>(cluster.clientProperties());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // A position that retention removed is reported as a gap, never skipped silently.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // Bounded fetches: a gateway may run many of these readers at once, and each holds its fetched bytes.
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * 1024 * 1024);
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
