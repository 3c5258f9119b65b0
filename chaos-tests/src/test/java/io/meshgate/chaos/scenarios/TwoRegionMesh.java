package io.meshgate.chaos.scenarios;

import io.meshgate.chaos.WanFaultProxy;
import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two regions on real Kafka brokers, each with its own gateway on its own Vert.x instance, where us-east reaches
 * eu-west's gateway only through a {@link WanFaultProxy}: the WAN a test can slow down, cut and heal.
 */
final class TwoRegionMesh implements AutoCloseable {

    static final String ORIGIN = "eu-west";
    static final String REPLICA = "us-east";

    final LocalKafkaBroker euKafka;
    final LocalKafkaBroker usKafka;
    final WanFaultProxy wan;
    private final Vertx euVertx = Vertx.vertx();
    private final Vertx usVertx = Vertx.vertx();
    private final MeshGateway euGateway;
    private final MeshGateway usGateway;
    private final HttpClient http = HttpClient.newHttpClient();

    TwoRegionMesh(Path dataDir, String streamsYaml, String linksYaml, Map<String, Integer> originTopics) throws Exception {
        this(dataDir, streamsYaml, linksYaml, originTopics, euBootstrap -> { });
    }

    /** {@code beforeGateways} gets eu-west's bootstrap servers once its topics exist and before any gateway starts. */
    TwoRegionMesh(Path dataDir, String streamsYaml, String linksYaml, Map<String, Integer> originTopics,
                  java.util.function.Consumer<String> beforeGateways) throws Exception {
        euKafka = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("eu-west")).withName(ORIGIN));
        usKafka = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("us-east")).withName(REPLICA));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, euKafka.bootstrapServers()))) {
            NewTopics.create(admin, originTopics.entrySet().stream()
                    .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1)).toList());
        }
        beforeGateways.accept(euKafka.bootstrapServers());
        int euPort = FreePorts.pick();
        int usPort = FreePorts.pick();
        wan = WanFaultProxy.start("127.0.0.1", 0, "127.0.0.1", euPort);
        // Each region sees the other through its own eyes: us-east reaches eu-west only across the WAN proxy.
        MeshConfig euView = mesh(euPort, usPort, streamsYaml, linksYaml);
        MeshConfig usView = mesh(wan.port(), usPort, streamsYaml, linksYaml);
        euGateway = await(MeshGateway.start(euVertx, GatewaySettings.forRegion(euView, ORIGIN, "eu-west-1")
                .withListen("127.0.0.1", euPort)));
        usGateway = await(MeshGateway.start(usVertx, GatewaySettings.forRegion(usView, REPLICA, "us-east-1")));
    }

    private MeshConfig mesh(int euGatewayPort, int usGatewayPort, String streamsYaml, String linksYaml) {
        String yaml = meshYaml(euKafka.bootstrapServers(), euGatewayPort, usKafka.bootstrapServers(), usGatewayPort,
                streamsYaml, linksYaml);
        return MeshConfigLoader.parse(yaml, "chaos-mesh.yaml");
    }

    /** The mesh config of these scenarios: eu-west and us-east, their brokers and gateways, streams and links. */
    static String meshYaml(String euBootstrap, int euGatewayPort, String usBootstrap, int usGatewayPort,
                           String streamsYaml, String linksYaml) {
        return """
                mesh: chaos
                regions:
                  eu-west:
                    bootstrap-servers: %s
                    gateway: http://127.0.0.1:%d
                  us-east:
                    bootstrap-servers: %s
                    gateway: http://127.0.0.1:%d
                %s
                %s
                """.formatted(euBootstrap, euGatewayPort, usBootstrap, usGatewayPort, streamsYaml, linksYaml);
    }

    /** {@code GET path} on a region's gateway, as a string body; fails the test on a transport error. */
    String get(String region, String path) throws Exception {
        MeshGateway gateway = ORIGIN.equals(region) ? euGateway : usGateway;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The HTTP port a region's gateway listens on (for WebSocket clients). */
    int port(String region) {
        return (ORIGIN.equals(region) ? euGateway : usGateway).port();
    }

    int status(String region, String path) throws Exception {
        MeshGateway gateway = ORIGIN.equals(region) ? euGateway : usGateway;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        for (MeshGateway gateway : List.of(usGateway, euGateway)) {
            try {
                await(gateway.stop());
            } catch (Exception ignored) {
                // keep closing the rest
            }
        }
        await(usVertx.close());
        await(euVertx.close());
        wan.close();
        usKafka.close();
        euKafka.close();
    }
}
