package io.meshgate.bench;

import io.meshgate.localkafka.FreePorts;
import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One timed start of a gateway pair, as {@link MeshgatePair} starts it (both JVMs launched together, 512 MiB
 * each, the benchmark's mesh config), from launch until the receiving gateway has committed every record of
 * the origin topic. Liveness is polled every {@value #LIVE_POLL_MS} ms, progress every {@value #PROGRESS_POLL_MS}
 * ms; everything else is read from the gateways' logs afterwards, at millisecond resolution.
 */
final class StartupRun {

    private static final Logger LOG = LoggerFactory.getLogger(StartupRun.class);
    private static final long LIVE_POLL_MS = 10;
    private static final long PROGRESS_POLL_MS = 25;
    /** After this, a run that has replicated something is reported as stalled rather than failed. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private StartupRun() {
    }

    /** Milliseconds from launch to each milestone; empty where the log did not show it. */
    record Times(long originLive, long replicaLive, Optional<Long> originFirstLog, Optional<Long> replicaFirstLog,
                 Optional<Long> originStarted, Optional<Long> replicaStarted, Optional<Long> linkUp, long connectFailures,
                 Optional<Long> subscribed, long firstCommitted, Optional<Long> allCommitted, long committed) {
    }

    static Times measure(Path runDir, BenchBrokers brokers, Map<String, String> streams, String stream, long records,
                         boolean startupArchive) {
        int[] ports = FreePorts.pick(2);
        Path config = runDir.resolve("meshgate-mesh.yaml");
        try {
            Files.createDirectories(runDir);
            Files.writeString(config, MeshgatePair.meshYaml(brokers.origin().bootstrapServers(),
                    brokers.target().bootstrapServers(), ports[0], ports[1], streams));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        long launchEpochMs = System.currentTimeMillis();
        long start = System.nanoTime();
        CompletableFuture<GatewayChild> origin = CompletableFuture.supplyAsync(() -> GatewayChild.launch(runDir,
                MeshgatePair.ORIGIN, config, ports[0], MeshgatePair.HEAP_MB, startupArchive));
        CompletableFuture<GatewayChild> replica = CompletableFuture.supplyAsync(() -> GatewayChild.launch(runDir,
                MeshgatePair.REPLICA, config, ports[1], MeshgatePair.HEAP_MB, startupArchive));
        try (GatewayChild originGateway = origin.join(); GatewayChild replicaGateway = replica.join()) {
            CompletableFuture<Long> originLive = CompletableFuture.supplyAsync(() -> liveAfter(originGateway, start));
            long replicaLive = liveAfter(replicaGateway, start);
            MeshStatusClient status = new MeshStatusClient(replicaGateway.url());
            long first = -1;
            long deadline = start + TIMEOUT.toNanos();
            while (true) {
                long committed = committed(status, stream);
                long now = System.nanoTime();
                if (committed > 0 && first < 0) {
                    first = now - start;
                }
                if (committed >= records) {
                    return times(runDir, launchEpochMs, originLive.join(), replicaLive, first,
                            Optional.of((now - start) / 1_000_000), committed);
                }
                if (now > deadline && first < 0) {
                    throw new BenchmarkException("the replica committed nothing in " + TIMEOUT.toSeconds() + " s");
                }
                if (now > deadline) {
                    // Kept beside the logs: where each partition of each side stood when progress stopped.
                    dump(runDir, "mesh-" + MeshgatePair.REPLICA + ".json", replicaGateway);
                    dump(runDir, "mesh-" + MeshgatePair.ORIGIN + ".json", originGateway);
                    Events.warn(LOG, "bench.startup.stalled", "committed", committed, "records", records, "run", runDir);
                    return times(runDir, launchEpochMs, originLive.join(), replicaLive, first, Optional.empty(), committed);
                }
                replicaGateway.requireAlive();
                originGateway.requireAlive();
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(PROGRESS_POLL_MS).toNanos());
            }
        }
    }

    private static long liveAfter(GatewayChild gateway, long start) {
        gateway.awaitLive(Duration.ofMillis(LIVE_POLL_MS));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long committed(MeshStatusClient status, String stream) {
        try {
            return status.committedRecords(stream);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        }
    }

    private static void dump(Path runDir, String file, GatewayChild gateway) {
        try {
            Files.writeString(runDir.resolve(file), gateway.getJson("/v1/mesh").encodePrettily());
        } catch (IOException | BenchmarkException e) {
            Events.warn(LOG, "bench.startup.dump-failed", "file", file, "cause", e.getMessage());
        }
    }

    private static Times times(Path runDir, long launchEpochMs, long originLive, long replicaLive, long firstNanos,
                               Optional<Long> allMs, long committed) {
        GatewayLog originLog = GatewayLog.read(runDir.resolve("gateway-" + MeshgatePair.ORIGIN + ".log"), launchEpochMs);
        GatewayLog replicaLog = GatewayLog.read(runDir.resolve("gateway-" + MeshgatePair.REPLICA + ".log"), launchEpochMs);
        return new Times(originLive, replicaLive, originLog.firstLine(), replicaLog.firstLine(),
                originLog.first("gateway.started"), replicaLog.first("gateway.started"),
                replicaLog.first("link.connected"), replicaLog.count("link.connect.failed"),
                replicaLog.last("replication.subscribed"), firstNanos / 1_000_000, allMs, committed);
    }
}
