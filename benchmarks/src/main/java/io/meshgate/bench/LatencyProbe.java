package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures one running system's end-to-end latency: writes into a topic at a fixed rate for a warm-up and then
 * the measurement window, while a read-committed consumer on the topic the system delivers into (a replica, or
 * the same topic for the plain-consumer ceiling) records how long each windowed record took to show up.
 */
final class LatencyProbe {

    private static final Logger LOG = LoggerFactory.getLogger(LatencyProbe.class);
    /** How long to wait, after the last send, for the last windowed records to arrive on the target. */
    private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(60);

    /** Where records are written and where they are read back. */
    record Route(String producerBootstrap, String producerTopic, String consumerBootstrap, String consumerTopic) {
    }

    private LatencyProbe() {
    }

    /**
     * A replication system's latency; what the JIT compilers of its JVMs, the brokers and this JVM used inside the
     * window (CPU nanoseconds, -1 when unknown): how far from warm the measured system still was; and the stalls the
     * window held (see {@link LatencyRecorder#STALL_NANOS}).
     */
    record Warm(LatencyResult latency, long jitNanos, int stalls) {
    }

    /** A latency window's result, and how many stalls of {@link LatencyRecorder#STALL_NANOS} or more it held. */
    private record Measured(LatencyResult latency, int stalls) {
    }

    /** Latency of a replication system whose processes are {@code systemPids}, from origin topic to replica topic. */
    static Warm measure(String system, BenchBrokers brokers, BenchAdmin targetAdmin, String originTopic,
                        String replicaTopic, ReplicationBenchSettings settings, Payloads payloads, List<Long> systemPids) {
        int partitions = targetAdmin.awaitTopic(replicaTopic, Duration.ofSeconds(60));
        Route route = new Route(brokers.origin().bootstrapServers(), originTopic, brokers.target().bootstrapServers(),
                replicaTopic);
        PacedWindow paced = new PacedWindow(settings.rate(), Duration.ofSeconds(settings.latencyWarmupSeconds()),
                Duration.ofSeconds(settings.latencySeconds()));
        List<Long> jvms = new ArrayList<>(systemPids);
        jvms.addAll(brokers.pids());
        jvms.add(ProcessHandle.current().pid());
        long windowFrom = System.nanoTime() + paced.warmup().toNanos();
        CpuWindow jit = new CpuWindow(List.of(CpuClock.jitCompilersOf(jvms)), windowFrom,
                windowFrom + paced.window().toNanos());
        Measured measured = measure(system, route, partitions, paced, payloads, windowFrom);
        return new Warm(measured.latency(), jit.nanos(0), measured.stalls());
    }

    static LatencyResult measure(String system, Route route, int partitions, PacedWindow paced, Payloads payloads) {
        return measure(system, route, partitions, paced, payloads, System.nanoTime() + paced.warmup().toNanos()).latency();
    }

    private static Measured measure(String system, Route route, int partitions, PacedWindow paced, Payloads payloads,
                                    long windowFrom) {
        long windowUntil = windowFrom + paced.window().toNanos();
        Events.info(LOG, "bench.latency.started", "system", system, "rate", paced.rate(),
                "warmupSeconds", paced.warmup().toSeconds(), "seconds", paced.window().toSeconds(),
                "topic", route.consumerTopic());
        try (LatencyRecorder recorder = new LatencyRecorder(route.consumerBootstrap(), route.consumerTopic(), partitions,
                windowFrom, windowUntil, paced.expected());
             PacedProducer producer = new PacedProducer(route.producerBootstrap(), route.producerTopic(), payloads)) {
            long sent = producer.run(paced.rate(), windowUntil - System.nanoTime(), windowFrom, windowUntil);
            long deadline = System.nanoTime() + STRAGGLER_WAIT.toNanos();
            while (recorder.received() < sent && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            LatencyResult result = LatencyResult.of(system, sent, recorder.sortedLatencies());
            Events.info(LOG, "bench.latency.done", "system", system, "sent", result.sent(), "received", result.received(),
                    "p50Ms", LatencyResult.millis(result.p50Nanos()), "p99Ms", LatencyResult.millis(result.p99Nanos()),
                    "maxMs", LatencyResult.millis(result.maxNanos()), "stalls", recorder.stalls());
            return new Measured(result, recorder.stalls());
        }
    }
}
