package io.meshgate.replication.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.position.Cursor;
import io.meshgate.replication.position.ReplicaSeek;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads one stream for one subscriber, from a start position, in this region: its origin topic and replica
 * topics, translated to origin terms, each event carrying the cursor after it. Reads only while the subscriber has
 * credit, so a slow subscriber's backlog stays in Kafka; at most one poll's worth waits in memory.
 *
 * <p>Owns a thread: the Kafka consumer is used on it alone; events and failures are handed to the caller's context.
 */
public final class StreamCursorReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final int MAX_POLL_RECORDS = 200;

    private final String stream;
    private final LocalSources sources;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Context context;
    private final Consumer<List<StreamEvent>> onEvents;
    private final Consumer<Throwable> onFailure;
    private final Predicate<StreamEvent> filter;
    private final AtomicLong credit = new AtomicLong();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean closed;
    private volatile Cursor cursor;

    /**
     * {@code filter} selects the events to deliver: the others cost no credit, and the cursor moves past them too,
     * so a resumed subscription does not read them again.
     */
    public StreamCursorReader(Context context, LocalCluster cluster, MeshConfig mesh, StreamConfig stream,
                              Predicate<StreamEvent> filter, Consumer<List<StreamEvent>> onEvents,
                              Consumer<Throwable> onFailure) {
        this.filter = filter;
        this.stream = stream.name();
        this.sources = LocalSources.of(mesh, cluster.regionId(), stream);
        this.context = context;
        this.onEvents = onEvents;
        this.onFailure = onFailure;
        Map<String, Object> properties = new HashMap<>(cluster.clientProperties());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "meshgate-subscriber-" + stream.name());
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "meshgate-subscriber-" + stream.name());
        this.thread.setDaemon(true);
    }

    /** Positions the reader and starts it; completes with the cursor where it stands, before any event. */
    public Future<Cursor> start(StartPosition start) {
        Promise<Cursor> started = Promise.promise();
        tasks.add(() -> {
            try {
                StartPositions.Resolved resolved = StartPositions.resolve(consumer, stream, sources, start);
                consumer.assign(resolved.localOffsets().keySet());
                resolved.localOffsets().forEach(consumer::seek);
                cursor = resolved.cursor();
                context.runOnContext(v -> started.complete(resolved.cursor()));
            } catch (RuntimeException e) {
                context.runOnContext(v -> started.tryFail(e));
                throw e;
            }
        });
        thread.start();
        return started.future();
    }

    /** Lets the reader deliver {@code events} more events. */
    public void grant(long events) {
        credit.addAndGet(events);
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** The cursor after the last event delivered; safe from any thread. */
    public Cursor cursor() {
        return cursor;
    }

    /** Records this region holds of the stream that the reader has not delivered yet, per origin. */
    public Future<Map<String, Long>> behind() {
        Promise<Map<String, Long>> promise = Promise.promise();
        tasks.add(() -> {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            Map<String, Long> behind = new HashMap<>();
            ends.forEach((partition, end) -> behind.merge(sources.byTopic(partition.topic()).origin(),
                    Math.max(0, end - consumer.position(partition)), Long::sum));
            pending.forEach(record -> behind.merge(sources.byTopic(record.topic()).origin(), 1L, Long::sum));
            context.runOnContext(v -> promise.complete(behind));
        });
        return promise.future();
    }

    private void run() {
        try {
            while (!closed) {
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
                if (credit.get() <= 0 || consumer.assignment().isEmpty()) {
                    synchronized (wake) {
                        wake.wait(POLL.toMillis());
                    }
                    continue;
                }
                if (pending.isEmpty()) {
                    consumer.poll(POLL).forEach(pending::add);
                }
                deliver();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                context.runOnContext(v -> onFailure.accept(e));
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void deliver() {
        List<StreamEvent> events = new ArrayList<>();
        while (!pending.isEmpty() && credit.get() > 0) {
            ConsumerRecord<byte[], byte[]> record = pending.removeFirst();
            LocalSources.Source source = sources.byTopic(record.topic());
            long originOffset = source.originTopic() ? record.offset() : ReplicaSeek.originOffset(record);
            if (originOffset < cursor.nextOffset(source.origin(), record.partition())) {
                continue;  // already delivered (a cursor resumed in the middle of what a seek landed on)
            }
            cursor = cursor.advance(source.origin(), record.partition(), originOffset);
            StreamEvent event = new StreamEvent(stream, source.origin(), record.partition(), originOffset, record.timestamp(),
                    record.key(), record.value(), userHeaders(record), cursor.token());
            if (filter.test(event)) {
                credit.decrementAndGet();
                events.add(event);
            }
        }
        if (!events.isEmpty()) {
            context.runOnContext(v -> onEvents.accept(events));
        }
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

    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }
}
