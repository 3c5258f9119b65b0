package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures one running replication system's end-to-end latency: writes into an origin topic at a fixed rate
 * for a warm-up and then the measurement window, while a read-committed consumer on the replica topic records
 * how long each windowed record took to show up.
 */
final class LatencyProbe {

    private static final Logger LOG = LoggerFactory.getLogger(LatencyProbe.class);
    /** How long to wait, after the last send, for the last windowed records to arrive on the target. */
    private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(60);

    private LatencyProbe() {
    }

    static LatencyResult measure(String system, BenchBrokers brokers, BenchAdmin targetAdmin, String originTopic,
                                 String replicaTopic, ReplicationBenchSettings settings, Payloads payloads) {
        int partitions = targetAdmin.awaitTopic(replicaTopic, Duration.ofSeconds(60));
        Duration warmup = ReplicationBenchSettings.LATENCY_WARMUP;
        Duration window = Duration.ofSeconds(settings.latencySeconds());
        int expected = (int) Math.min(Integer.MAX_VALUE - 16, (long) settings.rate() * settings.latencySeconds());
        long windowFrom = System.nanoTime() + warmup.toNanos();
        long windowUntil = windowFrom + window.toNanos();
        Events.info(LOG, "bench.latency.started", "system", system, "rate", settings.rate(),
                "warmupSeconds", warmup.toSeconds(), "seconds", window.toSeconds(), "replicaTopic", replicaTopic);
        try (LatencyRecorder recorder = new LatencyRecorder(brokers.target().bootstrapServers(), replicaTopic, partitions,
                windowFrom, windowUntil, expected);
             PacedProducer producer = new PacedProducer(brokers.origin().bootstrapServers(), originTopic, payloads)) {
            long sent = producer.run(settings.rate(), windowUntil - System.nanoTime(), windowFrom, windowUntil);
            long deadline = System.nanoTime() + STRAGGLER_WAIT.toNanos();
            while (recorder.received() < sent && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            LatencyResult result = LatencyResult.of(system, sent, recorder.sortedLatencies());
            Events.info(LOG, "bench.latency.done", "system", system, "sent", result.sent(), "received", result.received(),
                    "p50Ms", LatencyResult.millis(result.p50Nanos()), "p99Ms", LatencyResult.millis(result.p99Nanos()),
                    "maxMs", LatencyResult.millis(result.maxNanos()));
            return result;
        }
    }
}
