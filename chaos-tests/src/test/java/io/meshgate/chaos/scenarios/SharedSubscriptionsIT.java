package io.meshgate.chaos.scenarios;

import io.meshgate.replication.position.Cursor;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscribers of one stream on one gateway share a single reader of the stream's head: many live subscribers each
 * get every record once and in order; one that stops granting credit falls out of the shared buffer, reads on
 * from Kafka when credit returns and rejoins; a cursor that points before what retention kept gets a gap frame;
 * the start may come in a first message; heartbeats say how far behind a subscriber is.
 */
class SharedSubscriptionsIT {

    private static final int RING_RECORDS = 100;
    private static final String STREAMS = """
            streams:
              orders:
                origins: [eu-west]
              audit:
                origins: [eu-west]
              payments:
                origins: [eu-west]
            """;
    private static final String SUBSCRIPTIONS = """
            subscriptions:
              ring-records: %d
              heartbeat-interval: 300ms
            """.formatted(RING_RECORDS);

    @TempDir
    static Path dataDir;
    static TwoRegionMesh mesh;
    static Vertx vertx;
    static WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        mesh = new TwoRegionMesh(dataDir, STREAMS, ScenarioYaml.FAST_LINKS + SUBSCRIPTIONS, Map.of("orders", 3, "audit", 1, "payments", 2));
        vertx = Vertx.vertx();
        client = vertx.createWebSocketClient();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        mesh.close();
    }

    @Test
    void manyLiveSubscribersShareOneReaderAndEachGetsEveryRecordOnceInOrder() throws Exception {
        int openBefore = new JsonObject(mesh.get(TwoRegionMesh.REPLICA, "/v1/mesh")).getJsonObject("subscriptions").getInteger("open");
        List<Subscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String region = i % 2 == 0 ? TwoRegionMesh.ORIGIN : TwoRegionMesh.REPLICA;
            Subscriber subscriber = Subscriber.open(client, mesh.port(region), "from=latest&credit=100000");
            subscriber.subscribed().get(30, TimeUnit.SECONDS);
            subscribers.add(subscriber);
        }
        JsonObject shared = new JsonObject(mesh.get(TwoRegionMesh.REPLICA, "/v1/mesh")).getJsonObject("subscriptions");
        assertEquals(openBefore + 15, shared.getInteger("open"), shared.encode());
        assertEquals(1, shared.getInteger("sharedStreams"), "one reader of the stream's head for all: " + shared.encode());
        assertTrue(mesh.get(TwoRegionMesh.REPLICA, "/metrics").contains("\nmeshgate_subscriptions_open " + (openBefore + 15) + ".0\n"),
                "the same count as a Prometheus gauge");

        SequencedRecords.produce(mesh.euKafka.bootstrapServers(), "orders", 0, 600);
        for (Subscriber subscriber : subscribers) {
            await().atMost(Duration.ofSeconds(60)).until(() -> subscriber.events().size() >= 600);
            assertEveryRecordOnceInOrder(subscriber.events(), 0, 600);
            subscriber.socket().close();
        }
    }

    @Test
    void aSubscriberLeftBehindReadsOnFromKafkaAndRejoinsTheSharedReader() throws Exception {
        int base = 10_000;
        // At the origin, where local offsets are origin offsets (no transaction markers): records behind are exact.
        Subscriber slow = Subscriber.open(client, mesh.port(TwoRegionMesh.ORIGIN), "from=latest&credit=5");
        slow.subscribed().get(30, TimeUnit.SECONDS);
        // Five times what the shared buffer holds arrives while the subscriber grants nothing more.
        SequencedRecords.produce(mesh.euKafka.bootstrapServers(), "orders", base, base + 5 * RING_RECORDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> slow.events().size() == 5);
        await().atMost(Duration.ofSeconds(60)).until(() -> lastHeartbeatRecordsBehind(slow) == 5 * RING_RECORDS - 5);

        slow.socket().writeTextMessage("{\"type\":\"credit\",\"n\":100000}");
        await().atMost(Duration.ofSeconds(60)).until(() -> slow.events().size() >= 5 * RING_RECORDS);
        // Back on the shared reader: what comes next arrives too, once.
        SequencedRecords.produce(mesh.euKafka.bootstrapServers(), "orders", base + 5 * RING_RECORDS, base + 6 * RING_RECORDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> slow.events().size() >= 6 * RING_RECORDS);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> slow.events().size() == 6 * RING_RECORDS);
        assertEveryRecordOnceInOrder(slow.events(), base, base + 6 * RING_RECORDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastHeartbeatRecordsBehind(slow) == 0);
        JsonObject heartbeat = slow.frames("heartbeat").get(slow.frames("heartbeat").size() - 1);
        assertEquals(0L, heartbeat.getJsonObject("behind").getJsonObject("eu-west").getLong("ms"),
                "caught up at the origin itself: nothing behind " + heartbeat.encode());
        slow.socket().close();
    }

    @Test
    void aCursorBeforeWhatRetentionKeptGetsAGapFrameThenTheRest() throws Exception {
        SequencedRecords.produce(mesh.euKafka.bootstrapServers(), "audit", 0, 100);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, mesh.euKafka.bootstrapServers()))) {
            admin.deleteRecords(Map.of(new TopicPartition("audit", 0), RecordsToDelete.beforeOffset(40))).all().get();
        }
        String fromTheBeginning = Cursor.beginning("audit").token();
        Subscriber subscriber = Subscriber.open(client, mesh.port(TwoRegionMesh.ORIGIN), "audit",
                "from=" + URLEncoder.encode(fromTheBeginning, StandardCharsets.UTF_8) + "&credit=1000");
        await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.events().size() == 60);
        List<JsonObject> gaps = subscriber.frames("gap");
        assertEquals(1, gaps.size(), gaps.toString());
        assertEquals(0L, gaps.get(0).getLong("fromOffset"));
        assertEquals(40L, gaps.get(0).getLong("toOffset"));
        assertEquals(40L, subscriber.events().get(0).getLong("offset"), "reads on right after the gap");
        subscriber.socket().close();
    }

    @Test
    void theStartMayComeInAFirstMessage() throws Exception {
        SequencedRecords.produce(mesh.euKafka.bootstrapServers(), "payments", 0, 10);
        Subscriber subscriber = Subscriber.open(client, mesh.port(TwoRegionMesh.ORIGIN), "payments", "");
        subscriber.socket().writeTextMessage(new JsonObject().put("type", "subscribe").put("from", "earliest")
                .put("credit", 3).put("headers", new JsonObject().put("seq", "5")).encode());
        subscriber.subscribed().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.events().size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> subscriber.events().size() == 1);
        assertEquals("5", subscriber.events().get(0).getJsonObject("headers").getString("seq"),
                "the header filter of the first message applies");
        subscriber.socket().close();

        Subscriber wrong = Subscriber.open(client, mesh.port(TwoRegionMesh.ORIGIN), "payments", "");
        wrong.socket().writeTextMessage("{\"type\":\"subscribe\",\"from\":\"yesterday\"}");
        assertEquals("subscribe.from.invalid", wrong.error().get(10, TimeUnit.SECONDS).getString("code"));
        assertEquals((short) 4400, wrong.closed().get(10, TimeUnit.SECONDS));
    }

    @Test
    void oversizedAndTooFrequentMessagesAreRefusedAndTheGatewayStaysHealthy() throws Exception {
        Subscriber big = Subscriber.open(client, mesh.port(TwoRegionMesh.ORIGIN), "from=latest");
        big.subscribed().get(30, TimeUnit.SECONDS);
        big.socket().writeTextMessage("{\"type\":\"credit\",\"n\":1,\"pad\":\"" + "x".repeat(70_000) + "\"}");
        assertEquals("subscription.frame.too-large", big.error().get(10, TimeUnit.SECONDS).getString("code"));
        assertEquals((short) 1009, big.closed().get(10, TimeUnit.SECONDS));

        Subscriber chatty = Subscriber.open(client, mesh.port(TwoRegionMesh.ORIGIN), "from=latest");
        chatty.subscribed().get(30, TimeUnit.SECONDS);
        for (int i = 0; i < 300; i++) {
            chatty.socket().writeTextMessage("{\"type\":\"credit\",\"n\":1}");
        }
        assertEquals("subscription.rate.exceeded", chatty.error().get(10, TimeUnit.SECONDS).getString("code"));
        assertEquals((short) 1008, chatty.closed().get(10, TimeUnit.SECONDS));
        assertEquals(200, mesh.status(TwoRegionMesh.ORIGIN, "/health/live"));
    }

    private static long lastHeartbeatRecordsBehind(Subscriber subscriber) {
        List<JsonObject> heartbeats = subscriber.frames("heartbeat");
        JsonObject origin = heartbeats.isEmpty() ? null
                : heartbeats.get(heartbeats.size() - 1).getJsonObject("behind").getJsonObject("eu-west");
        return origin == null ? -1 : origin.getLong("records");
    }

    /** Exactly the records with sequence numbers from..to-1, each once, in order within each partition. */
    private static void assertEveryRecordOnceInOrder(List<JsonObject> events, int from, int to) {
        Set<String> seen = new HashSet<>();
        Map<Integer, Long> lastOffset = new HashMap<>();
        for (JsonObject event : events) {
            int seq = Integer.parseInt(event.getJsonObject("headers").getString("seq"));
            assertTrue(seq >= from && seq < to, "unexpected record " + event.encode());
            assertTrue(seen.add(event.getString("origin") + "/" + seq), "delivered twice: " + event.encode());
            int partition = event.getInteger("partition");
            long offset = event.getLong("offset");
            assertTrue(offset > lastOffset.getOrDefault(partition, -1L), "out of order in partition " + partition);
            lastOffset.put(partition, offset);
        }
        assertEquals(to - from, seen.size());
    }
}
