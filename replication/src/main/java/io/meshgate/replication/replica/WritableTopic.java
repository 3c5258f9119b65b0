package io.meshgate.replication.replica;

import io.meshgate.replication.KafkaFutures;
import io.meshgate.replication.LocalCluster;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.HashMap;
import java.util.Map;

/**
 * Waits until a topic the gateway writes in transactions takes writes on every partition. A new partition's leader
 * shows in the broker's metadata a moment before its log opens. A write in that moment is refused and retried while
 * a later batch may already land; the retried batch is then out of sequence until the delivery timeout ends
 * (KAFKA-15591), a transaction stalled for minutes. List-offsets goes through the same partition lookup as a write,
 * and the admin client retries it until the log is open; a topic the broker does not know yet (its metadata follows
 * the controller's a moment after a create) is asked for again here.
 */
final class WritableTopic {

    /** How often, and how long apart, to ask again for a topic the broker does not know yet: 10 s in all. */
    private static final int UNKNOWN_TOPIC_RETRIES = 200;
    private static final long UNKNOWN_TOPIC_RETRY_MS = 50;

    private WritableTopic() {
    }

    /** Completes once partitions {@code 0..partitions-1} of {@code topic} take writes. */
    static Future<Void> await(LocalCluster cluster, String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        return listOffsets(cluster, latest, UNKNOWN_TOPIC_RETRIES);
    }

    private static Future<Void> listOffsets(LocalCluster cluster, Map<TopicPartition, OffsetSpec> latest, int attemptsLeft) {
        return KafkaFutures.on(cluster.vertx(), cluster.kafkaAdmin().listOffsets(latest).all()).<Void>mapEmpty()
                .recover(failure -> failure instanceof UnknownTopicOrPartitionException && attemptsLeft > 0
                        ? pause(cluster).compose(v -> listOffsets(cluster, latest, attemptsLeft - 1))
                        : Future.failedFuture(failure));
    }

    private static Future<Void> pause(LocalCluster cluster) {
        Promise<Void> paused = Promise.promise();
        cluster.vertx().setTimer(UNKNOWN_TOPIC_RETRY_MS, id -> paused.complete());
        return paused.future();
    }
}
