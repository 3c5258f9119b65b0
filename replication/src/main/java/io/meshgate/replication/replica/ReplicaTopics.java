package io.meshgate.replication.replica;

import io.meshgate.replication.KafkaFutures;
import io.meshgate.replication.LocalCluster;
import io.vertx.core.Future;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates replica topics with the origin's partition count, and follows origin partition increases. */
final class ReplicaTopics {

    private final LocalCluster cluster;

    ReplicaTopics(LocalCluster cluster) {
        this.cluster = cluster;
    }

    Future<Void> ensure(String topic, int partitions) {
        // No replication factor: the region's broker default, which its operator chose for that cluster.
        NewTopic replica = new NewTopic(topic, Optional.of(partitions), Optional.empty());
        return KafkaFutures.on(cluster.vertx(), cluster.kafkaAdmin().createTopics(List.of(replica)).all())
                .recover(failure -> failure instanceof TopicExistsException
                        ? growIfNeeded(topic, partitions)
                        : Future.failedFuture(failure));
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
}
