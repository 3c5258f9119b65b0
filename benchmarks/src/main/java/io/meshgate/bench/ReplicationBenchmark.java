package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The replication benchmark, in one run on the same two brokers: fill the origin with a plain producer (the
 * write ceiling), read it back with a plain consumer (the read ceiling), replicate it with MirrorMaker 2 (the
 * peer) and with meshgate, then measure each one's latency at a fixed rate. Systems run one after the other,
 * never together, so none competes with another for this machine's cores.
 */
final class ReplicationBenchmark {

    static final String TOPIC = "orders";
    static final String MM2_LATENCY_TOPIC = "latency-mm2";
    static final String MESHGATE_LATENCY_TOPIC = "latency-meshgate";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationBenchmark.class);

    private final ReplicationBenchSettings settings;
    private final String command;

    ReplicationBenchmark(ReplicationBenchSettings settings, String command) {
        this.settings = settings;
        this.command = command;
    }

    ReplicationReport run() {
        RunClock clock = new RunClock();
        try (WorkDir work = WorkDir.create()) {
            return run(clock, work.path());
        }
    }

    private ReplicationReport run(RunClock clock, Path workDir) {
        Payloads payloads = new Payloads(settings.recordBytes(), 42);
        Events.info(LOG, "bench.started", "records", settings.records(), "recordBytes", settings.recordBytes(),
                "partitions", settings.partitions(), "rate", settings.rate(), "latencySeconds", settings.latencySeconds(),
                "skipMm2", settings.skipMm2(), "workDir", workDir);
        try (BenchBrokers brokers = BenchBrokers.start(workDir, ReplicationBenchSettings.BROKER_HEAP_MB);
             BenchAdmin originAdmin = new BenchAdmin("origin", brokers.origin().bootstrapServers());
             BenchAdmin targetAdmin = new BenchAdmin("target", brokers.target().bootstrapServers())) {
            originAdmin.createTopics(List.of(TOPIC, MM2_LATENCY_TOPIC, MESHGATE_LATENCY_TOPIC), settings.partitions());
            Duration timeout = replicationTimeout();

            Throughput producer = ProducerCeiling.fill(brokers, TOPIC, settings, payloads);
            requireFilled(originAdmin);
            logDone(producer);
            Throughput consumer = ConsumerCeiling.drain(brokers, TOPIC, settings, timeout);
            logDone(consumer);
            long warmUp = TargetWarmUp.run(brokers, targetAdmin, settings, payloads);
            Events.info(LOG, "bench.phase.done", "system", "target broker warm-up", "records", warmUp);

            SystemResult mm2 = settings.skipMm2() ? null : MirrorMakerRun.run(workDir, brokers, targetAdmin, TOPIC,
                    MM2_LATENCY_TOPIC, settings, payloads, timeout);
            SystemResult meshgate = MeshgateRun.run(workDir, brokers, targetAdmin, TOPIC, MESHGATE_LATENCY_TOPIC, settings,
                    payloads, timeout);

            long childCpu = CpuClock.of(brokers.pids()).nanos() + (mm2 == null ? 0 : mm2.childProcessCpuNanos())
                    + meshgate.childProcessCpuNanos();
            Duration took = clock.elapsed();
            return new ReplicationReport(settings, command, clock.started(), took, MachineInfo.current(), clock.load(childCpu),
                    producer, consumer, mm2, meshgate);
        }
    }

    /** Generous: a 1 record/ms floor plus a minute of start-up; a system slower than that is reported as timed out. */
    private Duration replicationTimeout() {
        return Duration.ofSeconds(60 + settings.records() / 1000);
    }

    private void requireFilled(BenchAdmin originAdmin) {
        long written = originAdmin.totalEndOffset(TOPIC);
        if (written != settings.records()) {
            throw new BenchmarkException("origin topic '" + TOPIC + "' holds " + written + " records after the fill, expected "
                    + settings.records());
        }
    }

    private static void logDone(Throughput result) {
        Events.info(LOG, "bench.phase.done", "system", result.system(), "records", result.records(),
                "seconds", String.format("%.2f", result.seconds()),
                "recordsPerSecond", Math.round(result.recordsPerSecond()));
    }
}
