package io.meshgate.bench;

import io.meshgate.chaos.WanFaultProxy;
import io.meshgate.localkafka.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two regions across a WAN, for the benchmarks that need a link to cross one: each region a real broker and a
 * gateway in a child process, every stream written in {@value #ORIGIN} and replicated to {@value #REPLICA}.
 * {@value #REPLICA} reaches {@value #ORIGIN}'s gateway only through a {@link WanFaultProxy}: its mesh config names
 * the proxy as that region's gateway URL, so its replication link and whatever it forwards cross the WAN, as
 * between continents. {@value #ORIGIN} reaches {@value #REPLICA} directly. The proxy adds no fault until asked.
 */
final class WanMesh implements AutoCloseable {

    static final String ORIGIN = MeshgatePair.ORIGIN;
    static final String REPLICA = MeshgatePair.REPLICA;

    /**
     * What to start.
     *
     * @param streams    stream names, each written to the origin topic of the same name
     * @param partitions partitions of each origin topic
     * @param extraYaml  appended to both regions' mesh config (views, subscription limits), or empty
     */
    record Spec(List<String> streams, int partitions, String extraYaml, int brokerHeapMb, int gatewayHeapMb) {
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Spec spec;
    private BenchBrokers brokers;
    private WanFaultProxy wan;
    private GatewayChild origin;
    private GatewayChild replica;

    private WanMesh(Spec spec) {
        this.spec = spec;
    }

    /** Starts brokers, topics, the proxy and both gateways; returns once both gateways are live. */
    static WanMesh start(Path workDir, Spec spec) {
        WanMesh mesh = new WanMesh(spec);
        try {
            mesh.brokers = mesh.track(BenchBrokers.start(workDir, spec.brokerHeapMb()));
            try (BenchAdmin admin = new BenchAdmin("origin", mesh.brokers.origin().bootstrapServers())) {
                admin.createTopics(spec.streams(), spec.partitions());
            }
            int originPort = FreePorts.pick();
            int replicaPort = FreePorts.pick();
            mesh.wan = mesh.track(WanFaultProxy.start("127.0.0.1", 0, "127.0.0.1", originPort));
            // Each region sees the other through its own eyes: REPLICA's config names the proxy as ORIGIN's gateway.
            Path originConfig = write(workDir.resolve("mesh-" + ORIGIN + ".yaml"), mesh.yaml(originPort, replicaPort));
            Path replicaConfig = write(workDir.resolve("mesh-" + REPLICA + ".yaml"), mesh.yaml(mesh.wan.port(), replicaPort));
            // The origin first, so the other's link connects at once rather than after a backoff.
            mesh.origin = mesh.track(GatewayChild.start(workDir, ORIGIN, originConfig, originPort, spec.gatewayHeapMb()));
            mesh.replica = mesh.track(GatewayChild.start(workDir, REPLICA, replicaConfig, replicaPort, spec.gatewayHeapMb()));
            return mesh;
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
    }

    private String yaml(int originGatewayPort, int replicaGatewayPort) {
        Map<String, String> streams = new LinkedHashMap<>();
        spec.streams().forEach(stream -> streams.put(stream, stream));
        return MeshgatePair.meshYaml(brokers.origin().bootstrapServers(), brokers.target().bootstrapServers(),
                originGatewayPort, replicaGatewayPort, streams) + spec.extraYaml();
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private <T extends AutoCloseable> T track(T part) {
        started.add(part);
        return part;
    }

    BenchBrokers brokers() {
        return brokers;
    }

    WanFaultProxy wan() {
        return wan;
    }

    GatewayChild origin() {
        return origin;
    }

    /** The gateway of {@value #REPLICA}, which reaches {@value #ORIGIN} through the WAN. */
    GatewayChild replica() {
        return replica;
    }

    /** Every process of the mesh: brokers and gateways, for CPU accounting. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>(brokers.pids());
        pids.add(origin.pid());
        pids.add(replica.pid());
        return pids;
    }

    /** Stops what was started, last first: gateways, then the proxy, then the brokers; every part even if one fails. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new BenchmarkException("stopping the mesh failed: " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
