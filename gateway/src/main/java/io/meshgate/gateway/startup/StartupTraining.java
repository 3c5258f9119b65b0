package io.meshgate.gateway.startup;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.gateway.cluster.RegionCluster;
import io.meshgate.gateway.cluster.WorkOwnership;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A short, real run of two gateways, so that a JVM started with {@code -XX:ArchiveClassesAtExit} records every
 * class a gateway loads into a class-data archive (AppCDS), which later gateway JVMs map instead of loading,
 * parsing and verifying those classes again. The launcher runs it after each build. It does what a gateway does
 * in production, in both roles: two real brokers, records replicated from one region to the other (whose gateway
 * is an instance of a region cluster), a WebSocket subscriber reading the replica from the start, a view built
 * from it, and every status endpoint asked once.
 * A run that does not complete all of it fails, so that an archive is never recorded from half a start-up.
 */
public final class StartupTraining {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> STATUS_PATHS = List.of("/health/live", "/health/ready", "/health/views",
            "/metrics", "/v1/mesh", "/v1/streams", "/v1/streams/" + TrainingMesh.STREAM,
            "/v1/streams/" + TrainingMesh.STREAM + "/watermarks", "/v1/views", "/");

    /** What one training run did. */
    public record Result(int records, long eventsReceived, int requests, Duration took) {
    }

    private StartupTraining() {
    }

    /** Runs the training with its brokers' data in {@code dir}; every broker and gateway is stopped when it returns. */
    public static Result run(Path dir, int records) {
        long started = System.nanoTime();
        List<LocalKafkaBroker> brokers = startBrokers(dir);
        try {
            TrainingMesh mesh = TrainingMesh.write(dir, brokers.get(0).bootstrapServers(), brokers.get(1).bootstrapServers());
            fill(mesh.originKafka(), records);
            MeshConfig config = MeshConfigLoader.load(mesh.file());
            // The receiving region runs as instance 1 of its cluster, as `meshgate run --instance 1` would.
            RegionCluster cluster = RegionCluster.join(config.name(), config.region(TrainingMesh.REPLICA), 1);
            Vertx vertx = Vertx.vertx();
            try {
                TrainingClient client = new TrainingClient(vertx);
                long events = await(exercise(vertx, cluster, client, config, mesh, records), "the training run");
                return new Result(records, events, client.answered(), Duration.ofNanos(System.nanoTime() - started));
            } finally {
                await(vertx.close(), "closing Vert.x");
                await(cluster.leave(), "leaving the receiving region's cluster");
            }
        } finally {
            brokers.forEach(LocalKafkaBroker::stop);
        }
    }

    private static Future<Long> exercise(Vertx vertx, RegionCluster cluster, TrainingClient client, MeshConfig config,
                                         TrainingMesh mesh, int records) {
        List<MeshGateway> started = new ArrayList<>();
        return MeshGateway.start(vertx, settings(config, mesh, TrainingMesh.ORIGIN, mesh.originPort()))
                .compose(origin -> {
                    started.add(origin);
                    return MeshGateway.start(cluster.vertx(), settings(config, mesh, TrainingMesh.REPLICA, mesh.replicaPort()),
                            new WorkOwnership(cluster.hazelcast()));
                })
                .compose(replica -> {
                    started.add(replica);
                    return client.receive(mesh.replicaPort(), TrainingMesh.STREAM, records);
                })
                .compose(events -> client.get(mesh.originPort(), STATUS_PATHS, Set.of(200))
                        .compose(ok -> client.get(mesh.replicaPort(), STATUS_PATHS, Set.of(200)))
                        // The view may not hold the key yet: either answer runs the lookup path.
                        .compose(ok -> client.get(mesh.replicaPort(),
                                List.of("/v1/views/" + TrainingMesh.VIEW + "/keys/" + orderId(0)), Set.of(200, 404)))
                        .map(events))
                .eventually(() -> client.close()
                        .eventually(() -> Future.join(started.stream().map(MeshGateway::stop).toList())));
    }

    private static GatewaySettings settings(MeshConfig config, TrainingMesh mesh, String region, int port) {
        return GatewaySettings.forRegion(config, region, region + "-1").withListen("127.0.0.1", port)
                .withConfigFile(mesh.file());
    }

    private static List<LocalKafkaBroker> startBrokers(Path dir) {
        return LocalKafkaBroker.startAll(List.of(TrainingMesh.ORIGIN, TrainingMesh.REPLICA).stream()
                .map(region -> LocalKafkaBroker.Settings.of(dir.resolve("kafka-" + region)).withName(region))
                .toList());
    }

    private static void fill(String bootstrapServers, int records) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopics.create(admin, List.of(new NewTopic(TrainingMesh.STREAM, TrainingMesh.PARTITIONS, (short) 1)));
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            for (int n = 0; n < records; n++) {
                String value = new JsonObject().put("orderId", orderId(n)).put("amount", n % 500).encode();
                producer.send(new ProducerRecord<>(TrainingMesh.STREAM, orderId(n), value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("writing the training records failed: " + failure.get().getMessage(),
                    failure.get());
        }
    }

    private static String orderId(int n) {
        return "o-%06d".formatted(n);
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }
}
