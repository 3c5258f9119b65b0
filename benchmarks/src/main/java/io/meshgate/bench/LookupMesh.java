package io.meshgate.bench;

import io.meshgate.chaos.WanFaultProxy;
import io.meshgate.localkafka.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mesh the lookups run on: two regions, each a real broker and a gateway in a child process, with stream
 * {@value #STREAM} written in {@value #ORIGIN}, replicated to {@value #LOCAL} and view {@value #VIEW} on it in both.
 * {@value #LOCAL}, where every lookup is asked, reaches {@value #ORIGIN}'s gateway only through a
 * {@link WanFaultProxy}: its mesh config names the proxy as that region's gateway URL, so the replication link and
 * forwarded lookups both cross the WAN, as between continents. {@value #ORIGIN} reaches {@value #LOCAL} directly.
 */
final class LookupMesh implements AutoCloseable {

    static final String ORIGIN = MeshgatePair.ORIGIN;
    static final String LOCAL = MeshgatePair.REPLICA;
    static final String STREAM = "orders";
    static final String VIEW = "orders-by-id";
    static final int PARTITIONS = 6;

    private final List<AutoCloseable> started = new ArrayList<>();
    private BenchBrokers brokers;
    private WanFaultProxy wan;
    private GatewayChild origin;
    private GatewayChild local;

    private LookupMesh() {
    }

    static LookupMesh start(Path workDir) {
        LookupMesh mesh = new LookupMesh();
        try {
            mesh.brokers = mesh.track(BenchBrokers.start(workDir, LookupBenchSettings.BROKER_HEAP_MB));
            try (BenchAdmin admin = new BenchAdmin("origin", mesh.brokers.origin().bootstrapServers())) {
                admin.createTopics(List.of(STREAM), PARTITIONS);
            }
            int originPort = FreePorts.pick();
            int localPort = FreePorts.pick();
            mesh.wan = mesh.track(WanFaultProxy.start("127.0.0.1", 0, "127.0.0.1", originPort));
            // Each region sees the other through its own eyes: LOCAL's config names the proxy as ORIGIN's gateway.
            Path originConfig = write(workDir.resolve("mesh-" + ORIGIN + ".yaml"), mesh.yaml(originPort, localPort));
            Path localConfig = write(workDir.resolve("mesh-" + LOCAL + ".yaml"), mesh.yaml(mesh.wan.port(), localPort));
            // The origin first, so the other's link connects at once rather than after a backoff.
            mesh.origin = mesh.track(GatewayChild.start(workDir, ORIGIN, originConfig, originPort,
                    LookupBenchSettings.GATEWAY_HEAP_MB));
            mesh.local = mesh.track(GatewayChild.start(workDir, LOCAL, localConfig, localPort,
                    LookupBenchSettings.GATEWAY_HEAP_MB));
            return mesh;
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
    }

    private String yaml(int originGatewayPort, int localGatewayPort) {
        return MeshgatePair.meshYaml(brokers.origin().bootstrapServers(), brokers.target().bootstrapServers(),
                originGatewayPort, localGatewayPort, Map.of(STREAM, STREAM))
                + "views:\n  " + VIEW + ":\n    stream: " + STREAM + "\n";
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

    GatewayChild local() {
        return local;
    }

    /** Every process of the mesh: brokers and gateways, for CPU accounting. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>(brokers.pids());
        pids.add(origin.pid());
        pids.add(local.pid());
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
