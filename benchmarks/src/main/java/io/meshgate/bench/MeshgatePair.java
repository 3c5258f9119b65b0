package io.meshgate.bench;

import io.meshgate.localkafka.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Two meshgate gateways, each a child process ({@code meshgate run}, {@value #HEAP_MB} MiB heap): one beside the
 * origin broker, one beside the target broker, with a mesh config where every benchmark stream originates in
 * {@value #ORIGIN} and replicates to {@value #REPLICA}. Processes of their own, like MirrorMaker 2's: no heap, GC
 * or JIT shared with the benchmark's producers and consumers, and no code warmed up by the ceilings' runs.
 */
final class MeshgatePair implements AutoCloseable {

    static final String ORIGIN = "eu-west";
    static final String REPLICA = "us-east";
    /** Two gateways of 512 MiB: the 1024 MiB MirrorMaker 2 gets, split between the two sides of the link. */
    static final int HEAP_MB = 512;

    private final GatewayChild origin;
    private final GatewayChild replica;

    private MeshgatePair(GatewayChild origin, GatewayChild replica) {
        this.origin = origin;
        this.replica = replica;
    }

    /** The replica topic meshgate's default pattern gives {@code topic} in the receiving region. */
    static String replicaTopic(String topic) {
        return ORIGIN + "." + topic;
    }

    /** The mesh config: {@code streams} maps stream names to their origin topics; link settings are the defaults. */
    static String meshYaml(String originBootstrap, String replicaBootstrap, int originPort, int replicaPort,
                           Map<String, String> streams) {
        StringBuilder yaml = new StringBuilder("mesh: bench\nregions:\n");
        yaml.append("  ").append(ORIGIN).append(":\n    bootstrap-servers: ").append(originBootstrap)
                .append("\n    gateway: http://127.0.0.1:").append(originPort).append('\n');
        yaml.append("  ").append(REPLICA).append(":\n    bootstrap-servers: ").append(replicaBootstrap)
                .append("\n    gateway: http://127.0.0.1:").append(replicaPort).append('\n');
        yaml.append("streams:\n");
        new LinkedHashMap<>(streams).forEach((stream, topic) -> yaml.append("  ").append(stream).append(":\n")
                .append("    topic: ").append(topic).append('\n')
                .append("    origins: [").append(ORIGIN).append("]\n")
                .append("    replicate-to: [").append(REPLICA).append("]\n"));
        return yaml.toString();
    }

    /**
     * Launches both gateways at once, as an operator starting two regions would, and returns once both are live;
     * replication starts as soon as the receiving gateway's link reaches the origin's.
     */
    static MeshgatePair start(Path workDir, String originBootstrap, String replicaBootstrap, Map<String, String> streams) {
        int[] ports = FreePorts.pick(2);
        Path config = workDir.resolve("meshgate-mesh.yaml");
        try {
            Files.writeString(config, meshYaml(originBootstrap, replicaBootstrap, ports[0], ports[1], streams));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        CompletableFuture<GatewayChild> origin = CompletableFuture.supplyAsync(
                () -> GatewayChild.start(workDir, ORIGIN, config, ports[0], HEAP_MB));
        CompletableFuture<GatewayChild> replica = CompletableFuture.supplyAsync(
                () -> GatewayChild.start(workDir, REPLICA, config, ports[1], HEAP_MB));
        try {
            return new MeshgatePair(origin.join(), replica.join());
        } catch (CompletionException e) {
            closeIfStarted(origin);
            closeIfStarted(replica);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Waits for a start to end either way, and stops the gateway if it did start. */
    private static void closeIfStarted(CompletableFuture<GatewayChild> start) {
        GatewayChild started = start.handle((gateway, failure) -> gateway).join();
        if (started != null) {
            started.close();
        }
    }

    /** Where the receiving gateway serves {@code /v1/mesh}. */
    String replicaUrl() {
        return replica.url();
    }

    /** The two gateway processes. */
    List<Long> pids() {
        return List.of(origin.pid(), replica.pid());
    }

    /** CPU of both gateway processes since they started, or -1 when the OS does not say. */
    long cpuNanos() {
        return CpuClock.of(pids()).nanos();
    }

    @Override
    public void close() {
        // Receiver first, so the origin never sees a link it must tear down in the middle of a batch.
        replica.close();
        origin.close();
    }
}
