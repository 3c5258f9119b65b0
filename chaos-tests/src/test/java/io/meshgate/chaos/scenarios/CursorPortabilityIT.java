package io.meshgate.chaos.scenarios;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The headline of push subscriptions: a port reads part of a stream at eu-west, disconnects, and resumes with its
 * last cursor at us-east (reading the replica there): together the two sessions deliver every record exactly once.
 * Also: a session gets no more events than it granted credit for, and bad requests get error frames and close codes.
 */
class CursorPortabilityIT {

    private static final int RECORDS = 300;

    @TempDir
    static Path dataDir;
    static TwoRegionMesh mesh;
    static Vertx vertx;
    static WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        mesh = new TwoRegionMesh(dataDir, ScenarioYaml.ORDERS_FROM_EU_WEST, ScenarioYaml.FAST_LINKS, Map.of("orders", 3));
        vertx = Vertx.vertx();
        client = vertx.createWebSocketClient();
        SequencedRecords.produce(mesh.euKafka.bootstrapServers(), "orders", 0, RECORDS);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                MeshProbe.replica(mesh.get(TwoRegionMesh.REPLICA, "/v1/mesh")).complete(RECORDS));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        mesh.close();
    }

    @Test
    void aCursorFromOneRegionResumesInAnotherWithNoGapAndNoDuplicate() throws Exception {
        Subscriber first = Subscriber.open(client, mesh.port(TwoRegionMesh.ORIGIN), "from=earliest&credit=120");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.events().size() == 120);
        // Credit is a promise: nothing beyond it arrives, however much is waiting in Kafka.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> first.events().size() == 120);
        // ...and it resumes, by exactly as much, when credit returns.
        first.socket().writeTextMessage("{\"type\":\"credit\",\"n\":10}");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.events().size() == 130);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> first.events().size() == 130);
        String cursor = first.events().get(129).getString("cursor");
        first.socket().close();

        Subscriber second = Subscriber.open(client, mesh.port(TwoRegionMesh.REPLICA),
                "from=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8) + "&credit=1000");
        await().atMost(Duration.ofSeconds(30)).until(() -> second.events().size() >= RECORDS - 130);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> second.events().size() == RECORDS - 130);

        Set<String> delivered = new HashSet<>();
        for (List<JsonObject> part : List.of(first.events(), second.events())) {
            Map<Integer, Long> lastOffset = new java.util.HashMap<>();
            for (JsonObject event : part) {
                assertEquals("eu-west", event.getString("origin"));
                int partition = event.getInteger("partition");
                long offset = event.getLong("offset");
                assertTrue(delivered.add(partition + "@" + offset), "delivered twice: " + event.encode());
                assertTrue(offset > lastOffset.getOrDefault(partition, -1L), "out of order in partition " + partition);
                lastOffset.put(partition, offset);
                // The values are plain text, not JSON: they travel as base64, flagged.
                assertEquals("base64", event.getString("encoding"));
                assertEquals("seq-" + event.getJsonObject("headers").getString("seq"),
                        new String(java.util.Base64.getDecoder().decode(event.getString("value")), StandardCharsets.UTF_8),
                        "value and header of the same record");
            }
        }
        assertEquals(RECORDS, delivered.size(), "every record once across the two regions");
    }

    @Test
    void filtersDeliverOnlyWhatWasAskedForAndCostNoCreditForTheRest() throws Exception {
        // Keys are key-(n % 64): key-5 is on records 5, 69, 133, 197 and 261.
        Subscriber byKey = Subscriber.open(client, mesh.port(TwoRegionMesh.REPLICA), "from=earliest&credit=10&key=key-5");
        await().atMost(Duration.ofSeconds(30)).until(() -> byKey.events().size() == 5);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> byKey.events().size() == 5);
        assertEquals(List.of("5", "69", "133", "197", "261"), byKey.events().stream()
                .map(event -> event.getJsonObject("headers").getString("seq"))
                .sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList());

        Subscriber byHeader = Subscriber.open(client, mesh.port(TwoRegionMesh.ORIGIN), "from=earliest&credit=10&header.seq=42");
        await().atMost(Duration.ofSeconds(30)).until(() -> byHeader.events().size() == 1);
        assertEquals("key-42", byHeader.events().get(0).getString("key"));
    }

    @Test
    void badRequestsGetAnErrorFrameAndACloseCode() throws Exception {
        assertRefused("orders", "from=earliest&where=" + URLEncoder.encode("amount >> 5", StandardCharsets.UTF_8),
                "subscribe.filter.invalid", 4400);
        assertRefused("orders-typo", "from=earliest", "stream.unknown", 4404);
        assertRefused("orders", "from=c1.garbage", "cursor.malformed", 4400);
        assertRefused("orders", "from=ts:yesterday", "subscribe.from.invalid", 4400);
        assertRefused("orders", "from=earliest&credit=-5", "subscribe.credit.invalid", 4400);

        Subscriber session = Subscriber.open(client, mesh.port(TwoRegionMesh.ORIGIN), "from=latest");
        session.subscribed().get(30, TimeUnit.SECONDS);
        session.socket().writeTextMessage("{\"type\":\"credit\",\"n\":\"lots\"}");
        assertEquals("subscription.message.invalid", session.error().get(10, TimeUnit.SECONDS).getString("code"));
        assertEquals((short) 4400, session.closed().get(10, TimeUnit.SECONDS));
        assertEquals(200, mesh.status(TwoRegionMesh.ORIGIN, "/health/live"), "the gateway stays healthy");
    }

    private static void assertRefused(String stream, String query, String code, int closeCode) throws Exception {
        Subscriber session = Subscriber.open(client, mesh.port(TwoRegionMesh.ORIGIN), stream, query);
        JsonObject error = session.error().get(10, TimeUnit.SECONDS);
        assertEquals(code, error.getString("code"), error.encode());
        assertTrue(error.getString("message").length() > 20, error.encode());
        assertEquals((short) closeCode, session.closed().get(10, TimeUnit.SECONDS));
    }
}
