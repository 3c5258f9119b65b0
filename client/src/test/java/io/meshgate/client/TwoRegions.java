package io.meshgate.client;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two regions on real Kafka brokers (child processes), each with a real gateway on its own Vert.x instance, so
 * that one region's gateway can be stopped while the other's keeps serving: stream {@code orders} is written in
 * eu-west and replicated to us-east.
 */
final class TwoRegions implements AutoCloseable {

    static final String STREAM = "orders";

    final LocalKafkaBroker euKafka;
    final LocalKafkaBroker usKafka;
    private final Vertx euVertx = Vertx.vertx();
    private final Vertx usVertx = Vertx.vertx();
    private final MeshGateway euGateway;
    private final MeshGateway usGateway;
    private final HttpClient http = HttpClient.newHttpClient();

    TwoRegions(Path dataDir, int partitions) throws Exception {
        euKafka = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("eu-west")).withName("eu-west"));
        usKafka = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("us-east")).withName("us-east"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, euKafka.bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic(STREAM, partitions, (short) 1)));
        }
        int[] ports = FreePorts.pick(2);
        // Links tuned for tests: a lost peer is noticed within 2 s and retried within a second.
        MeshConfig mesh = MeshConfigLoader.parse("""
                mesh: client-test
                regions:
                  eu-west: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                  us-east: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                streams:
                  orders: {origins: [eu-west]}
                links:
                  heartbeat-interval: 250ms
                  idle-timeout: 2s
                  reconnect-backoff-initial: 100ms
                  reconnect-backoff-max: 1s
                """.formatted(euKafka.bootstrapServers(), ports[0], usKafka.bootstrapServers(), ports[1]), "client-mesh.yaml");
        euGateway = await(MeshGateway.start(euVertx, GatewaySettings.forRegion(mesh, "eu-west", "eu-west-1")));
        usGateway = await(MeshGateway.start(usVertx, GatewaySettings.forRegion(mesh, "us-east", "us-east-1")));
    }

    String euWest() {
        return euGateway.url();
    }

    String usEast() {
        return usGateway.url();
    }

    /** Writes records {@code 0..count-1} at the origin: key {@code key-(n % 16)}, JSON value {@code {"seq":n}}, header {@code seq=n}. */
    void produce(int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, euKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            for (int n = 0; n < count; n++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("seq", Integer.toString(n).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(STREAM, null, null, "key-" + (n % 16), "{\"seq\":" + n + "}", headers));
            }
            producer.flush();
        }
    }

    /** True once us-east's replica holds all {@code records} and knows it is not behind. */
    boolean replicated(long records) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(usEast() + "/v1/mesh")).build();
        JsonArray replicas = new JsonObject(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).getJsonArray("replicas");
        if (replicas.isEmpty()) {
            return false;
        }
        JsonObject replica = replicas.getJsonObject(0);
        long replicated = replica.getJsonArray("partitions").stream()
                .mapToLong(partition -> Math.max(0, ((JsonObject) partition).getLong("replicatedNextOffset"))).sum();
        return replicated == records && Long.valueOf(0).equals(replica.getLong("recordsBehind"));
    }

    /** Stops eu-west's gateway and its Vert.x instance, as if its process ended; its broker stays up. */
    Future<Void> stopEuWestGateway() {
        return euGateway.stop().eventually(euVertx::close);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        for (Future<?> stopping : List.of(usGateway.stop().eventually(usVertx::close), stopEuWestGateway())) {
            try {
                await(stopping);
            } catch (Exception ignored) {
                // already stopped, or failing to stop: keep closing the rest
            }
        }
        usKafka.close();
        euKafka.close();
    }
}
