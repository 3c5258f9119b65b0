package io.meshgate.bench;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Reads a replica topic read-committed on a thread of its own and records, for each record sent inside the
 * measurement window, receive time minus send time, as {@link LatencySamples}.
 */
final class LatencyRecorder implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * A record at least this late counts towards a stall: a packet dropped by a full fixed-size socket buffer and
     * resent by TCP's ~200 ms loss probe (see {@link SocketBuffers}). A p99 then says more about whether one fell in
     * the window than about the system, so the report counts them.
     */
    static final long STALL_NANOS = 150_000_000L;
    /** Late records received closer together than this belong to one stall. */
    private static final long STALL_GAP_NANOS = 500_000_000L;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final long windowFrom;
    private final long windowUntil;
    private final Thread thread;
    private final LatencySamples latencies; // guarded by this
    private int stalls; // guarded by this
    private long lastLateNanos; // guarded by this; meaningful once stalls > 0
    private volatile boolean stopping;
    private volatile Exception failure;

    /** Starts reading every partition of {@code topic} from its beginning; records sent outside the window are skipped. */
    LatencyRecorder(String bootstrapServers, String topic, int partitions, long windowFrom, long windowUntil, int expected) {
        this.consumer = new KafkaConsumer<>(SocketBuffers.osSized(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "meshgate-bench-latency-" + topic,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> assignment = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(assignment);
        consumer.seekToBeginning(assignment);
        this.windowFrom = windowFrom;
        this.windowUntil = windowUntil;
        this.latencies = new LatencySamples(expected);
        this.thread = new Thread(this::readLoop, "bench-latency-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void readLoop() {
        try {
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    long received = System.nanoTime();
                    long sent = PacedProducer.sentNanos(record.headers());
                    if (sent >= windowFrom && sent < windowUntil) {
                        add(received, received - sent);
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke us
        } catch (Exception e) {
            failure = e;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private synchronized void add(long receivedNanos, long latencyNanos) {
        latencies.add(latencyNanos);
        if (latencyNanos >= STALL_NANOS) {
            if (stalls == 0 || receivedNanos - lastLateNanos > STALL_GAP_NANOS) {
                stalls++;
            }
            lastLateNanos = receivedNanos;
        }
    }

    /** Stalls seen so far: runs of windowed records at least {@link #STALL_NANOS} late. */
    synchronized int stalls() {
        return stalls;
    }

    synchronized int received() {
        if (failure != null) {
            throw new BenchmarkException("latency consumer failed: " + failure.getMessage(), failure);
        }
        return latencies.count();
    }

    /** The latencies recorded so far, in nanoseconds, sorted ascending. */
    synchronized long[] sortedLatencies() {
        return latencies.sorted();
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
