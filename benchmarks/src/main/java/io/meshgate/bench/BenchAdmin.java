package io.meshgate.bench;

import io.meshgate.localkafka.NewTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/** The few admin calls the benchmark needs on one cluster, blocking, with a time limit on each. */
final class BenchAdmin implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Admin admin;
    private final Map<String, Integer> knownPartitions = new ConcurrentHashMap<>();

    BenchAdmin(String name, String bootstrapServers) {
        this.name = name;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "meshgate-bench-admin-" + name));
    }

    void createTopics(List<String> topics, int partitions) {
        // Waits until every partition takes writes, or the first fill could lose batches (see NewTopics).
        NewTopics.create(admin, topics.stream().map(topic -> new NewTopic(topic, partitions, (short) 1)).toList());
    }

    /** The partition count of {@code topic}, or empty while it does not exist. */
    Optional<Integer> partitions(String topic) {
        Integer known = knownPartitions.get(topic);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            knownPartitions.put(topic, description.partitions().size());
            return Optional.of(description.partitions().size());
        } catch (ExecutionException e) {
            return Optional.empty(); // UnknownTopicOrPartition: not created yet
        } catch (TimeoutException e) {
            throw new BenchmarkException(name + ": describing topic '" + topic + "' timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        }
    }

    /** Waits until {@code topic} exists (a system under test creates it) and returns its partition count. */
    int awaitTopic(String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Integer> partitions = partitions(topic);
            if (partitions.isPresent()) {
                return partitions.get();
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new BenchmarkException(name + ": topic '" + topic + "' did not appear within " + timeout.toSeconds() + " s");
    }

    /** The log end offset of every partition of {@code topic}; empty while the topic does not exist. */
    Map<Integer, Long> endOffsets(String topic) {
        Optional<Integer> partitions = partitions(topic);
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions.get(); p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<Integer, Long> ends = new HashMap<>();
        get(admin.listOffsets(request).all(), "list end offsets of '" + topic + "'")
                .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
        return ends;
    }

    /** The sum of the log end offsets of {@code topic}: its record count when no producer used transactions. */
    long totalEndOffset(String topic) {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    void deleteTopic(String topic) {
        get(admin.deleteTopics(List.of(topic)).all(), "delete topic " + topic);
        knownPartitions.remove(topic);
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BenchmarkException(name + ": cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchmarkException(name + ": " + what + " timed out after " + CALL_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
