package io.meshgate.chaos.scenarios;

import io.meshgate.chaos.HeapProbe;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credit is a port's whole flow control: a subscriber that stops granting credit gets nothing more, the gateway
 * keeps that subscriber's backlog in Kafka and not in its heap while the stream runs on, and delivery resumes
 * exactly where it stopped when credit returns. The gateway is a real process, so its heap is its own to measure.
 */
class StalledSubscriberIT {

    private static final Logger LOG = LoggerFactory.getLogger(StalledSubscriberIT.class);

    private static final int HEAD_RECORDS = 1_000;
    /** 48 MiB of values arrive while the subscriber is stalled: far more than the gateway may hold for it. */
    private static final int BACKLOG_RECORDS = 48_000;
    private static final int VALUE_BYTES = 1024;
    private static final int TOTAL = HEAD_RECORDS + BACKLOG_RECORDS;
    private static final int FIRST_CREDIT = 100;
    /**
     * Half the backlog: the shared ring may fill (4,096 records, 4 MiB of values, with their objects) and readers may
     * hold bounded fetches (measured: about 11 MiB in all), while a gateway that held the backlog grows by 48 MiB or more.
     */
    private static final long HEAP_GROWTH_LIMIT_BYTES = 24L << 20;
    private static final String SMALL_RING = """
            subscriptions:
              ring-bytes: 4MiB
              ring-records: 4096
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    @Test
    void aSubscriberWithoutCreditGetsNothingMoreHoldsNoBacklogInTheGatewayAndResumesWhenCreditReturns() throws Exception {
        try (LocalKafkaBroker eu = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("eu")).withName("eu-west"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, eu.bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 3, (short) 1)));
            int[] ports = FreePorts.pick(2);
            Path meshFile = dataDir.resolve("mesh.yaml");
            Files.writeString(meshFile, TwoRegionMesh.meshYaml(eu.bootstrapServers(), ports[0], "127.0.0.1:9", ports[1],
                    ScenarioYaml.ORDERS_FROM_EU_WEST, ScenarioYaml.FAST_LINKS + SMALL_RING));
            Vertx vertx = Vertx.vertx();
            try (GatewayProcess gateway = GatewayProcess.start(meshFile, "eu-west", ports[0], dataDir.resolve("eu-west.log"))) {
                WebSocketClient client = vertx.createWebSocketClient();
                produce(eu.bootstrapServers(), 0, HEAD_RECORDS);
                Subscriber stalled = Subscriber.open(client, ports[0], "from=earliest&credit=" + FIRST_CREDIT);
                await().atMost(Duration.ofSeconds(30)).until(() -> stalled.events().size() == FIRST_CREDIT);
                long heapBefore = HeapProbe.liveBytes(gateway.pid());

                // A second subscriber with credit for everything proves the gateway read the whole backlog meanwhile.
                Subscriber reader = Subscriber.open(client, ports[0], "from=earliest&credit=" + TOTAL);
                produce(eu.bootstrapServers(), HEAD_RECORDS, TOTAL);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertEquals(TOTAL, reader.events().size(),
                        () -> "events the subscriber with credit for everything received; its last heartbeat: "
                                + lastHeartbeat(reader) + "; per partition, the first offsets it lacks: "
                                + firstMissing(reader.events()) + "\n" + gateway.logTail()));
                reader.socket().close();
                await().atMost(Duration.ofSeconds(10)).until(() -> reader.closed().isDone());

                assertEquals(FIRST_CREDIT, stalled.events().size(), "nothing beyond the credit granted");
                long heapAfter = HeapProbe.liveBytes(gateway.pid());
                long growth = heapAfter - heapBefore;
                LOG.info("test.gateway.heap beforeBytes={} afterBytes={} backlogBytes={}", heapBefore, heapAfter,
                        (long) BACKLOG_RECORDS * VALUE_BYTES);
                assertTrue(growth < HEAP_GROWTH_LIMIT_BYTES, "the gateway's live heap grew by " + growth + " bytes while "
                        + (long) BACKLOG_RECORDS * VALUE_BYTES + " bytes waited for a subscriber without credit");

                stalled.socket().writeTextMessage("{\"type\":\"credit\",\"n\":" + TOTAL + "}");
                await().atMost(Duration.ofSeconds(120)).until(() -> stalled.events().size() >= TOTAL);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> stalled.events().size() == TOTAL);
                assertEveryRecordOnceInOrder(stalled.events());
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get();
            }
        }
    }

    private static void produce(String bootstrap, int from, int to) {
        String value = "x".repeat(VALUE_BYTES);
        SequencedRecords.produce(bootstrap, "orders", from, to, numbered -> new ProducerRecord<>("orders", numbered.key(), value));
    }

    private static String lastHeartbeat(Subscriber subscriber) {
        List<JsonObject> heartbeats = subscriber.frames("heartbeat");
        return heartbeats.isEmpty() ? "none" : heartbeats.get(heartbeats.size() - 1).encode();
    }

    /** Per partition, up to 10 offsets below the highest one received that never arrived. */
    private static Map<Integer, List<Long>> firstMissing(List<JsonObject> events) {
        Map<Integer, Set<Long>> received = new HashMap<>();
        for (JsonObject event : List.copyOf(events)) {
            received.computeIfAbsent(event.getInteger("partition"), p -> new HashSet<>()).add(event.getLong("offset"));
        }
        Map<Integer, List<Long>> missing = new HashMap<>();
        received.forEach((partition, offsets) -> missing.put(partition, java.util.stream.LongStream
                .range(0, offsets.stream().mapToLong(Long::longValue).max().orElse(0))
                .filter(offset -> !offsets.contains(offset)).limit(10).boxed().toList()));
        return missing;
    }

    private static void assertEveryRecordOnceInOrder(List<JsonObject> events) {
        Set<String> delivered = new HashSet<>();
        Map<Integer, Long> lastOffset = new HashMap<>();
        for (JsonObject event : events) {
            int partition = event.getInteger("partition");
            long offset = event.getLong("offset");
            assertTrue(delivered.add(partition + "@" + offset), "delivered twice: partition " + partition + " offset " + offset);
            assertTrue(offset > lastOffset.getOrDefault(partition, -1L), "out of order in partition " + partition);
            lastOffset.put(partition, offset);
        }
        assertEquals(TOTAL, delivered.size(), "every record once");
    }
}
