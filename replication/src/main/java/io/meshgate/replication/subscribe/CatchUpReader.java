package io.meshgate.replication.subscribe;

import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.position.ReplicaSeek;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * Reads one subscriber's way through history from Kafka, for a subscriber too far behind the stream's shared ring
 * (a start from the beginning, a time or an old cursor; or a client that stopped granting credit for long). Pulled
 * one poll at a time by the subscription, so at most one poll's worth of records is ever in memory, and closed as
 * soon as the subscriber is close enough to the head to read from the ring.
 *
 * <p>Owns a thread and the Kafka consumer used on it; results are handed back on the subscription's context.
 */
final class CatchUpReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_POLL_RECORDS = 500;

    /**
     * What a poll brought: records, and for partitions where retention removed what the reader was about to read,
     * the origin offset it reads on from (the subscription knows where its cursor stood, so it states the gap).
     */
    record Batch(List<LocalRecord> records, Map<TopicPartition, Long> resumedAfterRemoval,
                 Map<TopicPartition, Long> positionsAfter) {
    }

    private final String stream;
    private final LocalSources sources;
    private final Context context;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Runnable onClosed;
    private volatile boolean closed;

    /** {@code onClosed} runs once, when the reader is closed (it hands back the reader's permit). */
    CatchUpReader(LocalCluster cluster, LocalSources sources, String stream, Context context, Runnable onClosed) {
        this.onClosed = onClosed;
        this.stream = stream;
        this.sources = sources;
        this.context = context;
        this.consumer = KafkaReaders.consumer(cluster, "meshgate-catch-up-" + stream, MAX_POLL_RECORDS);
        Thread thread = new Thread(this::run, "meshgate-catch-up-" + stream);
        thread.setDaemon(true);
        thread.start();
    }

    /** Resolves a start position into local offsets, a cursor and any gap before it, and positions the reader there. */
    Future<StartPositions.Resolved> start(StartPosition start) {
        return call(() -> {
            StartPositions.Resolved resolved = StartPositions.resolve(consumer, stream, sources, start);
            seek(resolved.localOffsets());
            return resolved;
        });
    }

    /** Positions the reader at local offsets a subscription already stands at. */
    Future<Void> startAt(Map<TopicPartition, Long> positions) {
        return call(() -> {
            seek(positions);
            return null;
        });
    }

    /** The next poll's records (none when there is nothing more yet). */
    Future<Batch> next() {
        return call(this::poll);
    }

    private Batch poll() {
        List<LocalRecord> records = new ArrayList<>();
        try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                records.add(LocalRecord.of(record, sources.byTopic(record.topic())));
            }
        } catch (OffsetOutOfRangeException e) {
            Map<TopicPartition, Long> resumed = skipRemoved(e.offsetOutOfRangePartitions());
            return new Batch(List.of(), resumed, positions());
        }
        return new Batch(records, Map.of(), positions());
    }

    /** Where the consumer stands: past the records polled, and past transaction markers too. */
    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        consumer.assignment().forEach(partition -> positions.put(partition, consumer.position(partition)));
        return positions;
    }

    /** Retention removed what the reader was about to read: say so, and read on from what is left. */
    private Map<TopicPartition, Long> skipRemoved(Map<TopicPartition, Long> removed) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            positions.put(partition, removed.containsKey(partition) ? removed.get(partition) : consumer.position(partition));
        }
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(removed.keySet());
        ReplicaSeek seek = new ReplicaSeek(consumer);
        Map<TopicPartition, Long> resumedAt = new HashMap<>();
        starts.forEach((partition, start) -> {
            boolean originTopic = sources.byTopic(partition.topic()).originTopic();
            resumedAt.put(partition, originTopic ? start : seek.originOffsetAt(partition, start));
            positions.put(partition, start);
        });
        seek(positions);  // the probes above moved the consumer
        return resumedAt;
    }

    private void seek(Map<TopicPartition, Long> positions) {
        consumer.assign(positions.keySet());
        positions.forEach(consumer::seek);
    }

    private <T> Future<T> call(Supplier<T> work) {
        Promise<T> promise = Promise.promise();
        tasks.add(() -> {
            try {
                T result = work.get();
                context.runOnContext(v -> promise.complete(result));
            } catch (RuntimeException e) {
                context.runOnContext(v -> promise.fail(e));
            }
        });
        return promise.future();
    }

    private void run() {
        try {
            while (!closed) {
                Runnable task = tasks.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (task != null && !closed) {
                    task.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tasks.add(() -> { });
        onClosed.run();
    }
}
