package io.meshgate.replication.replica;

import io.meshgate.replication.KafkaFutures;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.ReplicaTopicConfigs;
import io.vertx.core.Future;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

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
                .compose(v -> WritableTopic.await(cluster, topic, origin.partitions()));
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
