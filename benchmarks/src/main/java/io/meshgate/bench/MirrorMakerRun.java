package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The peer: MirrorMaker 2 copies the filled origin topic to the target, timed from its process start until the
 * target topic's end offsets add up to every record (MirrorMaker 2 writes without transactions, so end offsets
 * count records exactly). It then stays up for its latency measurement on a topic it has replicated since start.
 */
final class MirrorMakerRun {

    static final String SYSTEM = "MirrorMaker 2";
    private static final Logger LOG = LoggerFactory.getLogger(MirrorMakerRun.class);

    private MirrorMakerRun() {
    }

    static SystemResult run(Path workDir, BenchBrokers brokers, BenchAdmin targetAdmin, String topic, String latencyTopic,
                            ReplicationBenchSettings settings, Payloads payloads, Duration timeout) {
        String targetTopic = MirrorMakerProcess.targetTopic(topic);
        CpuClock brokerCpu = CpuClock.of(brokers.pids());
        long brokerCpuStart = brokerCpu.nanos();
        long start = System.nanoTime();
        try (MirrorMakerProcess mm2 = MirrorMakerProcess.start(workDir.resolve("mm2"), brokers.origin().bootstrapServers(),
                brokers.target().bootstrapServers(), List.of(topic, latencyTopic), settings.partitions(),
                ReplicationBenchSettings.MIRROR_MAKER_HEAP_MB)) {
            CpuClock mm2Cpu = CpuClock.of(List.of(mm2.pid()));
            ReplicationClock.Timing timing = ReplicationClock.await(SYSTEM, start, () -> {
                mm2.requireAlive();
                return targetAdmin.totalEndOffset(targetTopic);
            }, settings.records(), timeout);
            Throughput throughput = new Throughput(SYSTEM, Math.min(timing.visibleRecords(), settings.records()),
                    settings.records(), Math.min(timing.visibleRecords(), settings.records()) * settings.recordBytes(),
                    timing.nanos(), timing.firstRecordNanos(), mm2Cpu.nanos(), JitThreads.cpuNanos(List.of(mm2.pid())),
                    brokerCpu.since(brokerCpuStart));
            Events.info(LOG, "bench.replication.done", "system", SYSTEM, "records", timing.visibleRecords(),
                    "seconds", String.format("%.2f", throughput.seconds()));
            mm2.requireAlive();
            LatencyProbe.Warm latency = LatencyProbe.measure(SYSTEM, brokers, targetAdmin, latencyTopic,
                    MirrorMakerProcess.targetTopic(latencyTopic), settings, payloads, List.of(mm2.pid()));
            long copied = targetAdmin.totalEndOffset(targetTopic);
            String note = copied > settings.records()
                    ? "target holds " + copied + " records: " + (copied - settings.records()) + " duplicates (at-least-once)"
                    : "";
            return new SystemResult(throughput, latency.latency(), note, mm2Cpu.nanos(), latency.jitNanos(), latency.stalls());
        }
    }
}
