package io.meshgate.replication.subscribe;

import io.meshgate.replication.LocalCluster;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the head of one stream in this region, once for all its subscribers on this gateway, into the stream's
 * {@link EventRing}: from the log end of every local source partition when it starts, then every record as it is
 * committed. Picks up partitions added later (from their beginning) and keeps the log end offsets fresh, for
 * "how far behind" answers.
 *
 * <p>Owns a thread: the Kafka consumer is used on it alone.
 */
final class StreamTail implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long LOG_END_REFRESH_MS = 1_000;
    private static final long PARTITION_REFRESH_MS = 5_000;
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final String stream;
    private final LocalSources sources;
    private final RingLimits limits;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Runnable onAppend;
    private final Consumer<Throwable> onFailure;
    private volatile EventRing ring;
    private volatile Map<TopicPartition, Long> logEnds = Map.of();
    private volatile boolean closed;

    /** {@code onAppend} and {@code onFailure} run on the tail's thread: keep them short and hand work on. */
    StreamTail(LocalCluster cluster, LocalSources sources, String stream, RingLimits limits, Runnable onAppend,
               Consumer<Throwable> onFailure) {
        this.stream = stream;
        this.sources = sources;
        this.limits = limits;
        this.onAppend = onAppend;
        this.onFailure = onFailure;
        this.consumer = KafkaReaders.consumer(cluster, "meshgate-tail-" + stream, 2_000);
    }

    /** Positions the tail at the log end and starts it; completes on {@code context} once the ring exists. */
    Future<EventRing> start(Context context) {
        Promise<EventRing> started = Promise.promise();
        Thread thread = new Thread(() -> run(context, started), "meshgate-tail-" + stream);
        thread.setDaemon(true);
        thread.start();
        return started.future();
    }

    EventRing ring() {
        return ring;
    }

    /** The log end offset of every partition read, at most about a second old. */
    Map<TopicPartition, Long> logEnds() {
        return logEnds;
    }

    private void run(Context context, Promise<EventRing> started) {
        try {
            StartPositions.Resolved head = StartPositions.resolve(consumer, stream, sources, new StartPosition.Latest());
            EventRing created = new EventRing(stream, limits.maxEntries(), limits.maxBytes(), head.cursor());
            head.localOffsets().forEach(created::cover);
            consumer.assign(head.localOffsets().keySet());
            head.localOffsets().forEach(consumer::seek);
            // Known from the start, so the first heartbeats already say how far behind a subscriber is.
            logEnds = Map.copyOf(consumer.endOffsets(consumer.assignment(), METADATA_TIMEOUT));
            ring = created;
            context.runOnContext(v -> started.complete(created));
        } catch (RuntimeException e) {
            context.runOnContext(v -> started.fail(e));
            consumer.close(Duration.ZERO);
            return;
        }
        try {
            long nextLogEnds = 0;
            long nextPartitions = System.currentTimeMillis() + PARTITION_REFRESH_MS;
            while (!closed) {
                if (consumer.assignment().isEmpty()) {
                    // Nothing to read here yet (a replica topic not created yet): look again in a second.
                    synchronized (this) {
                        wait(1_000);
                    }
                    addNewPartitions();
                    continue;
                }
                List<LocalRecord> records = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    records.add(LocalRecord.of(record, sources.byTopic(record.topic())));
                }
                if (!records.isEmpty()) {
                    ring.append(records);
                }
                // Past transaction markers too: a subscriber level with the head is then level with the log end.
                for (TopicPartition partition : consumer.assignment()) {
                    ring.advanceHead(partition, consumer.position(partition));
                }
                if (!records.isEmpty()) {
                    onAppend.run();
                }
                long now = System.currentTimeMillis();
                if (now >= nextLogEnds) {
                    logEnds = Map.copyOf(consumer.endOffsets(consumer.assignment(), METADATA_TIMEOUT));
                    nextLogEnds = now + LOG_END_REFRESH_MS;
                }
                if (now >= nextPartitions) {
                    addNewPartitions();
                    nextPartitions = now + PARTITION_REFRESH_MS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                onFailure.accept(e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Partitions added at the origin (and so to its replicas) are read from their beginning, so nothing is missed. */
    private void addNewPartitions() {
        sources.assignNew(consumer, METADATA_TIMEOUT).forEach(ring::cover);
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        synchronized (this) {
            notifyAll();
        }
    }
}
