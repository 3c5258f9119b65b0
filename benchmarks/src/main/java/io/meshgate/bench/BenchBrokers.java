package io.meshgate.bench;

import io.meshgate.localkafka.LocalKafkaBroker;

import java.nio.file.Path;
import java.util.List;

/**
 * The two regions of a benchmark: an origin broker, where data is written, and a target broker, where every
 * system under test replicates it. Real single-node KRaft brokers in child processes, the same for all systems.
 */
final class BenchBrokers implements AutoCloseable {

    private final LocalKafkaBroker origin;
    private final LocalKafkaBroker target;

    private BenchBrokers(LocalKafkaBroker origin, LocalKafkaBroker target) {
        this.origin = origin;
        this.target = target;
    }

    /** Starts both brokers side by side (each takes seconds of JVM and KRaft start-up). */
    static BenchBrokers start(Path workDir, int heapMb) {
        try {
            List<LocalKafkaBroker> both = LocalKafkaBroker.startAll(
                    List.of(settings(workDir, "origin", heapMb), settings(workDir, "target", heapMb)));
            return new BenchBrokers(both.get(0), both.get(1));
        } catch (RuntimeException e) {
            throw new BenchmarkException("cannot start the benchmark brokers: " + e.getMessage(), e);
        }
    }

    static LocalKafkaBroker startBroker(Path workDir, String name, int heapMb) {
        return LocalKafkaBroker.start(settings(workDir, name, heapMb));
    }

    /**
     * A broker with its whole heap from the start, as Kafka's start script runs one (-Xms = -Xmx): tests start theirs
     * small to save memory, but then the young generation is a few tens of MiB and, under a benchmark's load, collects
     * several times a second, pausing every request in flight; measured at 10,000 records/s, that alone set the p99.
     */
    private static LocalKafkaBroker.Settings settings(Path workDir, String name, int heapMb) {
        return LocalKafkaBroker.Settings.of(workDir.resolve("kafka-" + name))
                .withName("bench-" + name)
                .withHeapMb(heapMb)
                .withInitialHeapMb(heapMb);
    }

    LocalKafkaBroker origin() {
        return origin;
    }

    LocalKafkaBroker target() {
        return target;
    }

    /** Both broker processes, for CPU accounting. */
    List<Long> pids() {
        return List.of(origin.pid(), target.pid());
    }

    @Override
    public void close() {
        origin.stop();
        target.stop();
    }
}
