package io.meshgate.replication.replica;

import io.meshgate.replication.LocalCluster;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a region remembers how far it has replicated each origin partition: a compacted topic in the region's
 * own cluster, keyed {@code stream/origin/partition}, valued with the next origin offset to replicate. Replica
 * records and these positions are written in one Kafka transaction, so after any crash the positions read
 * back (read-committed) match the replica exactly.
 *
 * <p>All methods block; call them from a worker thread.
 */
public final class PositionStore {

    public static final String TOPIC = "_meshgate-positions";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final LocalCluster cluster;
    private volatile boolean topicEnsured;

    public PositionStore(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Creates the positions topic if it does not exist yet; cheap once it succeeded. */
    public void ensureTopic() {
        if (topicEnsured) {
            return;
        }
        NewTopic topic = new NewTopic(TOPIC, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            try {
                cluster.kafkaAdmin().createTopics(List.of(topic)).all().get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            // Also when it existed: another instance of the region may have created it a moment ago.
            WritableTopic.await(cluster, TOPIC, 1).toCompletionStage().toCompletableFuture()
                    .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            topicEnsured = true;
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create positions topic '" + TOPIC + "' in region '"
                    + cluster.regionId() + "': Kafka did not answer within " + READ_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create positions topic '" + TOPIC + "' in region '"
                    + cluster.regionId() + "': " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + TOPIC, e);
        }
    }

    /**
     * The committed positions of one stream's origin, by partition; empty when nothing was replicated yet.
     * Creates the positions topic first if needed.
     */
    public Map<Integer, Long> load(String stream, String origin) {
        ensureTopic();
        String prefix = keyPrefix(stream, origin);
        Map<String, Object> properties = new HashMap<>(cluster.clientProperties());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "meshgate-positions-" + cluster.regionId());
        Map<Integer, Long> positions = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(partition, READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + TOPIC + " in region '" + cluster.regionId() + "'");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(prefix) && record.value() != null) {
                        positions.put(Integer.parseInt(record.key().substring(prefix.length())), Long.parseLong(record.value()));
                    }
                }
            }
        }
        return positions;
    }

    static ProducerRecord<byte[], byte[]> positionRecord(String stream, String origin, int partition, long next) {
        return new ProducerRecord<>(TOPIC, 0, (keyPrefix(stream, origin) + partition).getBytes(StandardCharsets.UTF_8),
                Long.toString(next).getBytes(StandardCharsets.UTF_8));
    }

    private static String keyPrefix(String stream, String origin) {
        return stream + "/" + origin + "/";
    }
}
