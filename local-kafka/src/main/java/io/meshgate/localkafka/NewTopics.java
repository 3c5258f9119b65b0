package io.meshgate.localkafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

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

    private NewTopics() {
    }

    /** Creates {@code topics} (failing if one exists) and waits until each of their partitions takes writes. */
    public static void create(Admin admin, Collection<NewTopic> topics) {
        get(admin.createTopics(topics).all(), "create topics " + names(topics));
        awaitWritable(admin, names(topics));
    }

    /** Waits until every partition of the named, existing topics takes writes. */
    public static void awaitWritable(Admin admin, Collection<String> topics) {
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(topics).allTopicNames(),
                "describe topics " + topics);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                latest.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
        get(admin.listOffsets(latest, new ListOffsetsOptions()).all(), "list the end offsets of " + topics);
    }

    private static List<String> names(Collection<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).toList();
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalKafkaBrokerException("localkafka: interrupted while waiting to " + what);
        } catch (ExecutionException e) {
            throw new LocalKafkaBrokerException("localkafka: could not " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new LocalKafkaBrokerException("localkafka: could not " + what + " within " + TIMEOUT.toSeconds()
                    + " s; is the broker up?", e);
        }
    }
}
