package io.meshgate.replication.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.position.ReplicaSeek;
import io.meshgate.replication.protocol.LinkProtocol;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads the most recent records of a stream in this region, from each of its local sources (the origin topic or
 * the replica topics), for the catalog to show what the stream carries. Reads the last few records of every
 * partition, read-committed, within a time limit, and hands them back newest first, in origin terms.
 *
 * <p>Owns one thread and one Kafka consumer, used on that thread alone: reads run one after the other, so a
 * burst of catalog requests costs one consumer, not one each. Results are handed back on the caller's context.
 */
public final class RecentEventsReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    // What one read may hold in memory: a fetch response, then the records it keeps.
    private static final int FETCH_MAX_BYTES = 8 << 20;

    /**
     * What a read found.
     *
     * @param newestFirst the records read, newest (by timestamp) first
     * @param topics      the local topics the stream is read from here, whether or not they exist yet
     * @param complete    false when the time ran out before every partition was read to its end
     */
    public record Recent(List<StreamEvent> newestFirst, List<String> topics, boolean complete) {
    }

    private final LocalCluster cluster;
    private final ExecutorService thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public RecentEventsReader(LocalCluster cluster) {
        this.cluster = cluster;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "meshgate-recent-events-" + cluster.regionId());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads up to {@code maxRecords} of the newest records of {@code stream} (an equal share of every partition),
     * and at most {@code maxBytes} of keys and values, within {@code timeout}. Fails when the stream's topics
     * cannot be described or their offsets listed in time.
     */
    public Future<Recent> read(MeshConfig mesh, StreamConfig stream, int maxRecords, int maxBytes, Duration timeout) {
        Context context = cluster.vertx().getOrCreateContext();
        Promise<Recent> promise = Promise.promise();
        try {
            thread.execute(() -> {
                try {
                    Recent recent = readNow(LocalSources.of(mesh, cluster.regionId(), stream), stream.name(), maxRecords,
                            maxBytes, System.nanoTime() + timeout.toNanos());
                    context.runOnContext(v -> promise.complete(recent));
                } catch (RuntimeException e) {
                    context.runOnContext(v -> promise.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            return Future.failedFuture(new IllegalStateException("the reader of recent events is closed"));
        }
        return promise.future();
    }

    private Recent readNow(LocalSources sources, String stream, int maxRecords, int maxBytes, long deadline) {
        KafkaConsumer<byte[], byte[]> kafka = consumer();
        List<String> topics = sources.sources().stream().map(LocalSources.Source::topic).toList();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, remaining(deadline));
            if (infos != null) {  // a replica topic that does not exist yet has no records to show
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        if (partitions.isEmpty()) {
            return new Recent(List.of(), topics, true);
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Set<TopicPartition> open;
        try {
            // Assigned before listing offsets: the consumer keeps the stable offsets it learns only for its own partitions.
            kafka.assign(partitions);
            Map<TopicPartition, Long> beginnings = kafka.beginningOffsets(partitions, remaining(deadline));
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, remaining(deadline));  // read-committed: the LSO
            // Transaction markers take offsets too (replicas are written in transactions): twice the share of offsets
            // is read, and the newest share of records kept.
            int perPartition = perPartition(maxRecords, partitions.size());
            Map<TopicPartition, Long> starts = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long start = Math.max(beginnings.get(partition), ends.get(partition) - 2L * perPartition);
                if (start < ends.get(partition)) {
                    starts.put(partition, start);
                }
            }
            open = new HashSet<>(starts.keySet());
            kafka.assign(starts.keySet());
            starts.forEach(kafka::seek);
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : kafka.poll(min(POLL, remaining(deadline)))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
                // Position, not the last record's offset: transaction markers and aborted records take offsets too.
                open.removeIf(partition -> kafka.position(partition) >= ends.get(partition));
            }
        } finally {
            kafka.unsubscribe();
        }
        return new Recent(newest(lastOfEachPartition(records, perPartition(maxRecords, partitions.size())), sources, stream,
                maxRecords, maxBytes), topics, open.isEmpty());
    }

    private static int perPartition(int maxRecords, int partitions) {
        return Math.max(1, maxRecords / partitions);
    }

    private static List<ConsumerRecord<byte[], byte[]>> lastOfEachPartition(List<ConsumerRecord<byte[], byte[]>> records, int n) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
        records.forEach(record -> byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                p -> new ArrayList<>()).add(record));  // in offset order, as polled
        List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>();
        byPartition.values().forEach(list -> kept.addAll(list.subList(Math.max(0, list.size() - n), list.size())));
        return kept;
    }

    private static List<StreamEvent> newest(List<ConsumerRecord<byte[], byte[]>> records, LocalSources sources, String stream,
                                            int maxRecords, int maxBytes) {
        records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                .thenComparingLong(ConsumerRecord::offset).reversed());
        List<StreamEvent> events = new ArrayList<>();
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            bytes += Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
            if (events.size() == maxRecords || !events.isEmpty() && bytes > maxBytes) {
                break;
            }
            LocalSources.Source source = sources.byTopic(record.topic());
            if (!source.originTopic() && record.headers().lastHeader(LinkProtocol.ORIGIN_OFFSET_HEADER) == null) {
                continue;  // written into the replica by something else than meshgate: it has no origin position
            }
            long originOffset = source.originTopic() ? record.offset() : ReplicaSeek.originOffset(record);
            events.add(new StreamEvent(stream, source.origin(), record.partition(), originOffset, record.timestamp(),
                    record.key(), record.value(), userHeaders(record), null));
        }
        return List.copyOf(events);
    }

    private static List<StreamEvent.Header> userHeaders(ConsumerRecord<byte[], byte[]> record) {
        List<StreamEvent.Header> headers = new ArrayList<>();
        record.headers().forEach(header -> {
            if (!header.key().startsWith("meshgate.")) {
                headers.add(new StreamEvent.Header(header.key(), header.value()));
            }
        });
        return headers;
    }

    /** Created on first use, on the reader's thread: a gateway whose catalog is never asked opens no consumer. */
    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Map<String, Object> properties = new HashMap<>(cluster.clientProperties());
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES);
            // Asking for a replica topic that is not created yet must not create it with the broker's defaults:
            // replica topics copy their origin's partition count.
            properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
            properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "meshgate-recent-events-" + cluster.regionId());
            consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops the reader: a read in progress is woken up and fails; the consumer is closed on its thread. */
    @Override
    public void close() {
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.execute(() -> {
                if (consumer != null) {
                    consumer.close(CLOSE_GRACE);
                }
            });
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        thread.shutdown();
    }
}
