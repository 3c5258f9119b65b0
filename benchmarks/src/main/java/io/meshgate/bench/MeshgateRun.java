package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * meshgate: two gateway processes copy the filled origin topic into the replica topic in the target region, timed
 * from their launch until the receiving gateway has committed every record (its committed positions travel
 * in the same transaction as the records, so they count exactly what a read-committed consumer sees). A
 * read-back then checks the replica record by record, off the clock, and the pair stays up for its latency
 * measurement on a stream it has replicated since start.
 */
final class MeshgateRun {

    static final String SYSTEM = "meshgate (exactly-once)";
    static final String STREAM = "orders";
    static final String LATENCY_STREAM = "latency";
    private static final Logger LOG = LoggerFactory.getLogger(MeshgateRun.class);

    private MeshgateRun() {
    }

    static SystemResult run(Path workDir, BenchBrokers brokers, BenchAdmin targetAdmin, String topic, String latencyTopic,
                            ReplicationBenchSettings settings, Payloads payloads, Duration timeout) {
        Map<String, String> streams = new LinkedHashMap<>();
        streams.put(STREAM, topic);
        streams.put(LATENCY_STREAM, latencyTopic);
        CpuClock brokerCpu = CpuClock.of(brokers.pids());
        long brokerCpuStart = brokerCpu.nanos();
        long start = System.nanoTime();
        try (MeshgatePair pair = MeshgatePair.start(workDir, brokers.origin().bootstrapServers(),
                brokers.target().bootstrapServers(), streams)) {
            MeshStatusClient status = new MeshStatusClient(pair.replicaUrl());
            ReplicationClock.Timing timing = ReplicationClock.await(SYSTEM, start, () -> status.committedRecords(STREAM),
                    settings.records(), timeout);
            long records = Math.min(timing.visibleRecords(), settings.records());
            Throughput throughput = new Throughput(SYSTEM, records, settings.records(), records * settings.recordBytes(),
                    timing.nanos(), timing.firstRecordNanos(), pair.cpuNanos(), JitThreads.cpuNanos(pair.pids()),
                    brokerCpu.since(brokerCpuStart));
            Events.info(LOG, "bench.replication.done", "system", SYSTEM, "records", timing.visibleRecords(),
                    "seconds", String.format("%.2f", throughput.seconds()));
            String note = verify(brokers, MeshgatePair.replicaTopic(topic), settings);
            LatencyProbe.Warm latency = LatencyProbe.measure(SYSTEM, brokers, targetAdmin, latencyTopic,
                    MeshgatePair.replicaTopic(latencyTopic), settings, payloads, pair.pids());
            return new SystemResult(throughput, latency.latency(), note, pair.cpuNanos(), latency.jitNanos(), latency.stalls());
        }
    }

    private static String verify(BenchBrokers brokers, String replicaTopic, ReplicationBenchSettings settings) {
        ReplicaVerifier.Verification check = ReplicaVerifier.verify(brokers.target().bootstrapServers(), replicaTopic,
                settings.partitions(), settings.records(), Duration.ofMinutes(5));
        Events.info(LOG, "bench.meshgate.verified", "replicaTopic", replicaTopic, "records", check.records(),
                "outOfSequence", check.outOfSequence());
        return check.exact(settings.records())
                ? String.format(Locale.ROOT, "read back read_committed: all %,d origin offsets once each, in order",
                        settings.records())
                : String.format(Locale.ROOT, "read back read_committed: %,d of %,d records, %,d out of sequence",
                        check.records(), settings.records(), check.outOfSequence());
    }
}
