package io.meshgate.localkafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics and returns only once every partition takes writes.
 *
 * <p>Why the wait: a KRaft broker publishes a new partition's leader in its metadata a moment before it opens the
 * partition's log. A producer that writes at once can have its first request refused (NOT_LEADER_OR_FOLLOWER,
 * retried) while its second, sent behind it, is appended. The retried first batch is then out of sequence for good,
 * and the idempotent producer drops it when its delivery timeout ends (KAFKA-15591): records lost though acks=all.
 * A list-offsets request goes through the same partition lookup as a write and the admin client retries it until
 * the log is open, so its answer is the signal that writes are safe.
 */
public final class NewTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private NewTopics() {
    }

    /** Creates {@code topics} (failing if one exists) and waits until each of their partitions takes writes. */
    public static void create(Admin admin, Collection<NewTopic> topics) {
        get(admin.createTopics(topics).all(), "create topics " + names(topics));
        Map<String, Integer> partitions = new HashMap<>();
        List<String> unsized = new ArrayList<>();
        for (NewTopic topic : topics) {
            if (topic.numPartitions() > 0) {
                partitions.put(topic.name(), topic.numPartitions());
            } else {
                unsized.add(topic.name());  // the broker's default count: ask for it
            }
        }
        partitions.putAll(partitionCounts(admin, unsized));
        awaitWritable(admin, partitions);
    }

    /** Waits until every partition of the named, existing topics takes writes. */
    public static void awaitWritable(Admin admin, Collection<String> topics) {
        awaitWritable(admin, partitionCounts(admin, topics));
    }

    private static void awaitWritable(Admin admin, Map<String, Integer> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach((topic, count) -> {
            for (int partition = 0; partition < count; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        });
        // The admin client itself retries while a partition has no open log yet.
        whileUnknown(() -> admin.listOffsets(latest, new ListOffsetsOptions()).all(),
                "list the end offsets of " + partitions.keySet());
    }

    /** The partition counts of topics. */
    private static Map<String, Integer> partitionCounts(Admin admin, Collection<String> topics) {
        Map<String, Integer> counts = new HashMap<>();
        if (!topics.isEmpty()) {
            whileUnknown(() -> admin.describeTopics(topics).allTopicNames(), "describe topics " + topics)
                    .forEach((name, description) -> counts.put(name, description.partitions().size()));
        }
        return counts;
    }

    /**
     * Asks again while the broker does not know a topic yet: its metadata follows the controller's a moment after a
     * create, and neither describe nor list-offsets retries an unknown topic by itself.
     */
    private static <T> T whileUnknown(Supplier<KafkaFuture<T>> call, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return call.get().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw failure(what, e);
                }
            } catch (InterruptedException | TimeoutException e) {
                throw failure(what, e);
            }
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
    }

    private static List<String> names(Collection<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).toList();
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw failure(what, e);
        }
    }

    private static LocalKafkaBrokerException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new LocalKafkaBrokerException("localkafka: interrupted while waiting to " + what);
        }
        if (e instanceof TimeoutException) {
            return new LocalKafkaBrokerException("localkafka: could not " + what + " within " + TIMEOUT.toSeconds()
                    + " s; is the broker up?", e);
        }
        return new LocalKafkaBrokerException("localkafka: could not " + what + ": " + e.getCause(), e.getCause());
    }
}
