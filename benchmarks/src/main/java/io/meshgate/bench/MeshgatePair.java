package io.meshgate.bench;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two meshgate gateways in this JVM, one Vert.x instance each (as two processes would have): one beside the
 * origin broker, one beside the target broker, with a mesh config where every benchmark stream originates in
 * {@value #ORIGIN} and replicates to {@value #REPLICA}.
 */
final class MeshgatePair implements AutoCloseable {

    static final String ORIGIN = "eu-west";
    static final String REPLICA = "us-east";
    private static final long START_STOP_TIMEOUT_SECONDS = 60;

    private final Vertx originVertx = Vertx.vertx();
    private final Vertx replicaVertx = Vertx.vertx();
    private MeshGateway originGateway;
    private MeshGateway replicaGateway;

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

    /** Starts the origin's gateway, then the replica's, whose link then connects at once rather than after a backoff. */
    static MeshgatePair start(String originBootstrap, String replicaBootstrap, Map<String, String> streams) {
        MeshConfig mesh = MeshConfigLoader.parse(meshYaml(originBootstrap, replicaBootstrap, freePort(), freePort(), streams),
                "bench-mesh.yaml");
        MeshgatePair pair = new MeshgatePair();
        try {
            pair.originGateway = await(MeshGateway.start(pair.originVertx, GatewaySettings.forRegion(mesh, ORIGIN, ORIGIN + "-1")),
                    "starting the " + ORIGIN + " gateway");
            pair.replicaGateway = await(MeshGateway.start(pair.replicaVertx, GatewaySettings.forRegion(mesh, REPLICA, REPLICA + "-1")),
                    "starting the " + REPLICA + " gateway");
            return pair;
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    /** Where the receiving gateway serves {@code /v1/mesh}. */
    String replicaUrl() {
        return replicaGateway.url();
    }

    @Override
    public void close() {
        // Receiver first, so the origin never sees a link it must tear down in the middle of a batch.
        for (MeshGateway gateway : new MeshGateway[] {replicaGateway, originGateway}) {
            if (gateway != null) {
                await(gateway.stop(), "stopping the " + gateway.settings().region() + " gateway");
            }
        }
        await(replicaVertx.close(), "closing Vert.x");
        await(originVertx.close(), "closing Vert.x");
    }

    private static <T> T await(Future<T> future, String what) {
        return BenchFutures.await(future, Duration.ofSeconds(START_STOP_TIMEOUT_SECONDS), "meshgate: " + what);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for a gateway", e);
        }
    }
}
