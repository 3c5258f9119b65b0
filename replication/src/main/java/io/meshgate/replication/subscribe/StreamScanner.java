package io.meshgate.replication.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.position.Cursor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads all of a stream this region holds, from a start position and then on as records come, for something
 * that folds the stream into state (a materialized view). Every batch comes with the cursor after it, so the
 * state can say exactly which positions it reflects, in origin terms valid in every region.
 *
 * <p>Owns a thread; {@code onBatch} runs on it, one batch at a time, in order. Failures to read are reported
 * through {@code onFailure} (once each until reading works again) and retried: the scanner keeps going until closed.
 */
public final class StreamScanner implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final long LOG_END_REFRESH_MS = 1_000;
    private static final long PARTITION_REFRESH_MS = 5_000;
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final long EMPTY_REFRESH_MS = 1_000;
    private static final long RETRY_MS = 2_000;

    /** Records read, in order per partition, and where the scanner stands after them. */
    public record Batch(List<LocalRecord> records, Cursor cursorAfter) {
    }

    private final String stream;
    private final LocalSources sources;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<Batch> onBatch;
    private final Consumer<Throwable> onFailure;
    private volatile Map<TopicPartition, Long> logEnds = Map.of();
    private volatile Map<TopicPartition, Long> positions = Map.of();
    private volatile boolean closed;
    private volatile String lastFailure;

    public StreamScanner(LocalCluster cluster, MeshConfig mesh, StreamConfig stream, String purpose,
                         Consumer<Batch> onBatch, Consumer<Throwable> onFailure) {
        this.stream = stream.name();
        this.sources = LocalSources.of(mesh, cluster.regionId(), stream);
        this.onBatch = onBatch;
        this.onFailure = onFailure;
        this.consumer = KafkaReaders.consumer(cluster, "meshgate-" + purpose, 2_000);
    }

    /** Whether this region holds any of the stream (its origin topic or a replica of some origin's share). */
    public static boolean holds(MeshConfig mesh, String region, StreamConfig stream) {
        return !LocalSources.of(mesh, region, stream).sources().isEmpty();
    }

    public void start(StartPosition from) {
        Thread thread = new Thread(() -> run(from), "meshgate-scan-" + stream);
        thread.setDaemon(true);
        thread.start();
    }

    /** Records this region holds that the scanner has not read yet, per origin (about a second old at most). */
    public Map<String, Long> recordsBehind() {
        Map<String, Long> behind = new java.util.HashMap<>();
        Map<TopicPartition, Long> at = positions;
        logEnds.forEach((partition, end) -> behind.merge(sources.byTopic(partition.topic()).origin(),
                Math.max(0, end - at.getOrDefault(partition, 0L)), Long::sum));
        return behind;
    }

    private void run(StartPosition from) {
        try {
            Cursor cursor = null;
            while (!closed && cursor == null) {
                cursor = startAt(from);
            }
            long nextLogEnds = 0;
            long nextPartitions = 0;
            while (!closed) {
                try {
                    if (System.currentTimeMillis() >= nextPartitions) {
                        // A replica topic created after the scan started, or partitions added at the origin.
                        sources.assignNew(consumer, METADATA_TIMEOUT);
                        nextPartitions = System.currentTimeMillis()
                                + (consumer.assignment().isEmpty() ? EMPTY_REFRESH_MS : PARTITION_REFRESH_MS);
                    }
                    if (consumer.assignment().isEmpty()) {
                        pause(EMPTY_REFRESH_MS);  // nothing to read here yet (the replica topic does not exist yet)
                        continue;
                    }
                    cursor = readOnce(cursor);
                    if (System.currentTimeMillis() >= nextLogEnds) {
                        logEnds = Map.copyOf(consumer.endOffsets(consumer.assignment()));
                        nextLogEnds = System.currentTimeMillis() + LOG_END_REFRESH_MS;
                    }
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    // Kafka unreachable, a broker restarting: say so, wait, and read on from where the batches stopped.
                    reportOnce(e);
                    pause(RETRY_MS);
                    positions.forEach((partition, offset) -> {
                        if (consumer.assignment().contains(partition)) {
                            consumer.seek(partition, offset);
                        }
                    });
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Positions the consumer; null (after reporting and waiting) when Kafka could not be asked. */
    private Cursor startAt(StartPosition from) {
        try {
            StartPositions.Resolved start = StartPositions.resolve(consumer, stream, sources, from);
            consumer.assign(start.localOffsets().keySet());
            start.localOffsets().forEach(consumer::seek);
            positions = Map.copyOf(start.localOffsets());
            return start.cursor();
        } catch (WakeupException e) {
            return null;
        } catch (RuntimeException e) {
            reportOnce(e);
            pause(RETRY_MS);
            return null;
        }
    }

    private Cursor readOnce(Cursor cursor) {
        List<LocalRecord> records = new ArrayList<>();
        Cursor after = cursor;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            LocalRecord read = LocalRecord.of(record, sources.byTopic(record.topic()));
            records.add(read);
            after = after.advance(read.origin(), read.partition(), read.originOffset());
        }
        Map<TopicPartition, Long> now = new java.util.HashMap<>();
        consumer.assignment().forEach(partition -> now.put(partition, consumer.position(partition)));
        if (!records.isEmpty()) {
            onBatch.accept(new Batch(records, after));
        }
        positions = now;
        lastFailure = null;
        return after;
    }

    private void reportOnce(RuntimeException e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (!message.equals(lastFailure) && !closed) {
            lastFailure = message;
            onFailure.accept(e);
        }
    }

    /** The last problem reported and not yet cleared by a successful read; null when reading goes well. */
    public String lastFailure() {
        return lastFailure;
    }

    private void pause(long millis) {
        synchronized (this) {
            try {
                if (!closed) {
                    wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
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
