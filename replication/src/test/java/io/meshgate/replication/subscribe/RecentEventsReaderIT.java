package io.meshgate.replication.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.LinkProtocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The newest records of a stream in one region, from its origin topic and its replica topic, in origin terms: on a
 * replica written the way meshgate writes it (transactions, one aborted, origin offsets in headers).
 */
class RecentEventsReaderIT {

    private static final long T = 1_767_225_600_000L;

    @TempDir
    static Path dataDir;
    static LocalKafkaBroker broker;
    static Vertx vertx;
    static LocalCluster cluster;
    static RecentEventsReader reader;
    static MeshConfig mesh;

    @BeforeAll
    static void writeLogs() throws Exception {
        broker = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir).withName("us-east"));
        try (Admin admin = admin()) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 1, (short) 1), new NewTopic("eu-west.orders", 2, (short) 1)));
        }
        try (KafkaProducer<byte[], byte[]> plain = producer(null)) {
            for (int i = 0; i < 3; i++) {  // written here: origin us-east, origin offsets 0..2, timestamps T+10..12
                plain.send(new ProducerRecord<>("orders", 0, T + 10 + i, bytes("local-" + i), bytes("{\"n\":" + i + "}"),
                        headers(-1))).get();
            }
        }
        try (KafkaProducer<byte[], byte[]> replica = producer("recent-events-it")) {
            replica.initTransactions();
            transaction(replica, 0, 0, 10, true, 0);
            transaction(replica, 0, 10, 15, false, 0);  // aborted, then replayed: must stay invisible
            transaction(replica, 0, 10, 13, true, 20);   // origin offsets 10..12 at timestamps T+20..22
            transaction(replica, 1, 5, 7, true, 30);     // origin offsets 5..6 at T+30..31, local offsets 0..1
        }
        vertx = Vertx.vertx();
        mesh = MeshConfigLoader.parse("""
                regions:
                  eu-west: {bootstrap-servers: "127.0.0.1:1", gateway: "http://127.0.0.1:1"}
                  us-east: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:2"}
                streams:
                  orders: {origins: [eu-west, us-east]}
                  clicks: {origins: [eu-west], replicate-to: [us-east]}
                """.formatted(broker.bootstrapServers()), "recent.yaml");
        cluster = new LocalCluster(vertx, mesh.region("us-east"));
        reader = new RecentEventsReader(cluster);
    }

    @AfterAll
    static void stop() throws Exception {
        reader.close();
        cluster.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        broker.close();
    }

    @Test
    void newestFirstInOriginTermsWithoutAbortedRecords() throws Exception {
        RecentEventsReader.Recent recent = read("orders", 30, 1 << 20);
        assertTrue(recent.complete());
        assertEquals(List.of("eu-west.orders", "orders"), recent.topics(), "in the order of the origins");
        // Ten of each partition (30 / 3): of replica partition 0, origin offsets 3..12, the aborted 10..14 never.
        assertEquals(List.of("eu-west/1@6", "eu-west/1@5", "eu-west/0@12", "eu-west/0@11", "eu-west/0@10",
                        "us-east/0@2", "us-east/0@1", "us-east/0@0", "eu-west/0@9", "eu-west/0@8", "eu-west/0@7",
                        "eu-west/0@6", "eu-west/0@5", "eu-west/0@4", "eu-west/0@3"),
                recent.newestFirst().stream().map(e -> e.origin() + "/" + e.partition() + "@" + e.offset()).toList());
        StreamEvent newest = recent.newestFirst().get(0);
        assertEquals("orders", newest.stream());
        assertEquals(T + 31, newest.timestamp());
        assertEquals("replica-6", new String(newest.key(), StandardCharsets.UTF_8));
        assertEquals("{\"origin\":6}", new String(newest.value(), StandardCharsets.UTF_8));
        assertEquals(List.of("source"), newest.headers().stream().map(StreamEvent.Header::key).toList(),
                "meshgate's own headers are left out");
        assertNull(newest.cursor(), "outside a subscription there is no cursor");
    }

    @Test
    void anEqualShareOfEachPartitionEvenBehindTransactionMarkers() throws Exception {
        // One record of each of the three partitions; the newest of the replica partitions sit just before a marker.
        assertEquals(List.of("eu-west/1@6", "eu-west/0@12", "us-east/0@2"), read("orders", 3, 1 << 20).newestFirst().stream()
                .map(e -> e.origin() + "/" + e.partition() + "@" + e.offset()).toList());
    }

    @Test
    void theByteLimitKeepsAtLeastTheNewestRecord() throws Exception {
        assertEquals(1, read("orders", 30, 1).newestFirst().size());
    }

    @Test
    void aReplicaTopicNotCreatedYetHasNothingToShow() throws Exception {
        RecentEventsReader.Recent recent = read("clicks", 30, 1 << 20);
        assertEquals(List.of("eu-west.clicks"), recent.topics());
        assertEquals(List.of(), recent.newestFirst());
        assertTrue(recent.complete());
    }

    private static RecentEventsReader.Recent read(String stream, int maxRecords, int maxBytes) throws Exception {
        Future<RecentEventsReader.Recent> read = reader.read(mesh, mesh.streams().get(stream), maxRecords, maxBytes,
                Duration.ofSeconds(20));
        return read.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void transaction(KafkaProducer<byte[], byte[]> producer, int partition, long from, long to, boolean commit,
                                    long timestampBase) {
        producer.beginTransaction();
        for (long origin = from; origin < to; origin++) {
            long timestamp = T + timestampBase + origin - from;
            producer.send(new ProducerRecord<>("eu-west.orders", partition, timestamp, bytes("replica-" + origin),
                    bytes("{\"origin\":" + origin + "}"), headers(origin)));
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }

    private static RecordHeaders headers(long originOffset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("source", bytes("it"));
        if (originOffset >= 0) {
            headers.add(LinkProtocol.ORIGIN_HEADER, bytes("eu-west"));
            headers.add(LinkProtocol.ORIGIN_OFFSET_HEADER, bytes(Long.toString(originOffset)));
            headers.add(LinkProtocol.HOPS_HEADER, bytes("1"));
        }
        return headers;
    }

    private static KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
