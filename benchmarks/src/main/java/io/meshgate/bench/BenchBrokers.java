package io.meshgate.bench;

import io.meshgate.localkafka.LocalKafkaBroker;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
        CompletableFuture<LocalKafkaBroker> origin = CompletableFuture.supplyAsync(() -> startBroker(workDir, "origin", heapMb));
        CompletableFuture<LocalKafkaBroker> target = CompletableFuture.supplyAsync(() -> startBroker(workDir, "target", heapMb));
        try {
            return new BenchBrokers(origin.join(), target.join());
        } catch (CompletionException e) {
            // The one that did start must not outlive the failure.
            for (CompletableFuture<LocalKafkaBroker> broker : List.of(origin, target)) {
                broker.thenAccept(LocalKafkaBroker::stop);
            }
            throw new BenchmarkException("cannot start the benchmark brokers: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * A broker with its whole heap from the start, as Kafka's start script runs one (-Xms = -Xmx): tests start theirs
     * small to save memory, but then the young generation is a few tens of MiB and, under a benchmark's load, collects
     * several times a second, pausing every request in flight; measured at 10,000 records/s, that alone set the p99.
     */
    static LocalKafkaBroker startBroker(Path workDir, String name, int heapMb) {
        return LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(workDir.resolve("kafka-" + name))
                .withName("bench-" + name)
                .withHeapMb(heapMb)
                .withInitialHeapMb(heapMb));
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
