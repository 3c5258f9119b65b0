package io.meshgate.replication.replica;

import io.meshgate.replication.KafkaFutures;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.ReplicaTopicConfigs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a replica topic match its origin: created with the origin's partition count and copied configs, grown
 * when the origin grows (Kafka cannot shrink a topic, and an origin cannot either), and its copied configs
 * re-applied on every subscribe so origin changes follow.
 */
final class ReplicaTopics {

    /** How often, and how long apart, to ask again for a topic the broker does not know yet: 10 s in all. */
    private static final int UNKNOWN_TOPIC_RETRIES = 200;
    private static final long UNKNOWN_TOPIC_RETRY_MS = 50;

    private final LocalCluster cluster;

    ReplicaTopics(LocalCluster cluster) {
        this.cluster = cluster;
    }

    Future<Void> ensure(String topic, DescribedTopic origin) {
        Map<String, String> configs = new HashMap<>(origin.configs());
        configs.put(ReplicaTopicConfigs.TIMESTAMP_TYPE, ReplicaTopicConfigs.TIMESTAMP_TYPE_VALUE);
        // No replication factor: the region's broker default, which its operator chose for that cluster.
        NewTopic replica = new NewTopic(topic, Optional.of(origin.partitions()), Optional.empty()).configs(configs);
        return KafkaFutures.on(cluster.vertx(), cluster.kafkaAdmin().createTopics(List.of(replica)).all())
                .recover(failure -> failure instanceof TopicExistsException
                        ? growIfNeeded(topic, origin.partitions()).compose(v -> applyConfigs(topic, configs))
                        : Future.failedFuture(failure))
                .compose(v -> awaitWritable(topic, origin.partitions(), UNKNOWN_TOPIC_RETRIES));
    }

    /**
     * A new partition's leader shows in the broker's metadata a moment before its log opens. A write in that moment
     * is refused and retried while a later batch may already land; the retried batch is then out of sequence until
     * the delivery timeout ends (KAFKA-15591), a transaction stalled for minutes. List-offsets goes through the same
     * partition lookup as a write, and the admin client retries it until the log is open; a topic the broker does
     * not know yet (its metadata follows the controller's a moment after the create) is asked for again here.
     */
    private Future<Void> awaitWritable(String topic, int partitions, int attemptsLeft) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        return KafkaFutures.on(cluster.vertx(), cluster.kafkaAdmin().listOffsets(latest).all()).<Void>mapEmpty()
                .recover(failure -> failure instanceof UnknownTopicOrPartitionException && attemptsLeft > 0
                        ? pause().compose(v -> awaitWritable(topic, partitions, attemptsLeft - 1))
                        : Future.failedFuture(failure));
    }

    private Future<Void> pause() {
        Promise<Void> paused = Promise.promise();
        cluster.vertx().setTimer(UNKNOWN_TOPIC_RETRY_MS, id -> paused.complete());
        return paused.future();
    }

    private Future<Void> growIfNeeded(String topic, int partitions) {
        return KafkaFutures.on(cluster.vertx(), cluster.kafkaAdmin().describeTopics(List.of(topic)).allTopicNames())
                .compose(descriptions -> {
                    int current = descriptions.get(topic).partitions().size();
                    return current >= partitions
                            ? Future.succeededFuture()
                            : KafkaFutures.on(cluster.vertx(), cluster.kafkaAdmin()
                                    .createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all());
                });
    }

    private Future<Void> applyConfigs(String topic, Map<String, String> configs) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        List<AlterConfigOp> operations = configs.entrySet().stream()
                .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        return KafkaFutures.on(cluster.vertx(),
                cluster.kafkaAdmin().incrementalAlterConfigs(Map.of(resource, operations)).all());
    }
}
