package io.meshgate.chaos.scenarios;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.meshgate.replication.protocol.LinkProtocol;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When the origin deletes records (retention, or an operator) before a region replicated them, the gap is said
 * out loud: the origin reports the lost offsets over the link, the receiver logs {@code replication.gap} and
 * counts them in {@code meshgate_replication_gap_records_total}, and replication goes on from what is left.
 */
class OriginRetentionGapIT {

    @TempDir
    static Path dataDir;

    @Test
    void recordsDeletedAtTheOriginDuringAnOutageAreReportedAsAGap() throws Exception {
        try (LocalKafkaBroker eu = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("eu")).withName("eu-west"));
             LocalKafkaBroker us = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("us")).withName("us-east"));
             Admin euAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, eu.bootstrapServers()))) {
            NewTopics.create(euAdmin, List.of(new NewTopic("orders", 1, (short) 1)));
            MeshConfig mesh = MeshConfigLoader.parse("""
                    regions:
                      eu-west: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                      us-east: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                    streams:
                      orders: {origins: [eu-west]}
                    links: {heartbeat-interval: 250ms, idle-timeout: 2s}
                    """.formatted(eu.bootstrapServers(), FreePorts.pick(), us.bootstrapServers(), FreePorts.pick()), "gap.yaml");
            Vertx vertx = Vertx.vertx();
            try {
                MeshGateway euGateway = start(vertx, GatewaySettings.forRegion(mesh, "eu-west", "eu-west-1"));
                MeshGateway usGateway = start(vertx, GatewaySettings.forRegion(mesh, "us-east", "us-east-1"));
                SequencedRecords.produce(eu.bootstrapServers(), "orders", 0, 100);
                SequencedRecords.readAtLeast(us.bootstrapServers(), "eu-west.orders", 100, Duration.ofSeconds(60));

                result(usGateway.stop());
                SequencedRecords.produce(eu.bootstrapServers(), "orders", 100, 200);
                euAdmin.deleteRecords(Map.of(new TopicPartition("orders", 0), RecordsToDelete.beforeOffset(150))).all().get();
                MeshGateway restarted = start(vertx, GatewaySettings.forRegion(mesh, "us-east", "us-east-1"));

                List<ConsumerRecord<String, String>> replica =
                        SequencedRecords.readAtLeast(us.bootstrapServers(), "eu-west.orders", 150, Duration.ofSeconds(60));
                List<Long> originOffsets = replica.stream().map(record -> Long.parseLong(new String(
                        record.headers().lastHeader(LinkProtocol.ORIGIN_OFFSET_HEADER).value(), StandardCharsets.UTF_8))).toList();
                assertEquals(LongStream.concat(LongStream.range(0, 100), LongStream.range(150, 200)).boxed().toList(), originOffsets,
                        "everything the origin still held, once, in order, around the gap");
                await().atMost(Duration.ofSeconds(10)).until(() -> metrics(restarted)
                        .contains("meshgate_replication_gap_records_total{origin=\"eu-west\",stream=\"orders\"} 50.0"));
                result(restarted.stop());
                result(euGateway.stop());
            } finally {
                result(vertx.close());
            }
        }
    }

    private static MeshGateway start(Vertx vertx, GatewaySettings settings) throws Exception {
        return result(MeshGateway.start(vertx, settings));
    }

    private static <T> T result(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static String metrics(MeshGateway gateway) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
