package io.meshgate.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java client against real gateways on real brokers: it reads a stream within its credit window, stops on a
 * refusal it cannot fix, and when its gateway goes away mid-stream it resumes in the other region with every
 * record exactly once. The failover runs last: it stops eu-west's gateway for good.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeshSubscriberIT {

    private static final int RECORDS = 300;
    private static final int PARTITIONS = 3;

    @TempDir
    static Path dataDir;
    static TwoRegions mesh;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        mesh = new TwoRegions(dataDir, PARTITIONS);
        vertx = Vertx.vertx();
        mesh.produce(RECORDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> mesh.replicated(RECORDS));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        mesh.close();
    }

    @Test
    @Order(1)
    void aSlowHandlerNeverHasMoreThanTheCreditWindowWaiting() throws Exception {
        int window = 20;
        List<SubscriberEvent> consumed = new CopyOnWriteArrayList<>();
        AtomicInteger mostPending = new AtomicInteger();
        MeshSubscriber[] subscriber = new MeshSubscriber[1];
        subscriber[0] = MeshSubscriber.builder(options(mesh.usEast()).from("earliest").creditWindow(window).build())
                .vertx(vertx)
                .onEventAsync(event -> {
                    // Received and not finished yet, this event included: the gateway may have sent no more.
                    mostPending.accumulateAndGet(subscriber[0].pending(), Math::max);
                    consumed.add(event);
                    return vertx.timer(2, TimeUnit.MILLISECONDS);
                })
                .start();
        await().atMost(Duration.ofSeconds(60)).until(() -> consumed.size() >= RECORDS);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> consumed.size() == RECORDS);
        assertTrue(mostPending.get() <= window, "at most the window waiting, saw " + mostPending.get());
        assertTrue(mostPending.get() > window / 2, "the window filled while the handler was slow: " + mostPending.get());
        assertEachRecordOnceInOrder(consumed);
        assertEquals(consumed.get(RECORDS - 1).cursor(), subscriber[0].cursor(), "the cursor after the last event consumed");
        subscriber[0].close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(2)
    void anUnknownStreamStopsTheSubscriberWithTheGatewaysErrorAndNoRetry() throws Exception {
        List<StateChange> states = new CopyOnWriteArrayList<>();
        List<SubscriberException> errors = new CopyOnWriteArrayList<>();
        MeshSubscriber subscriber = MeshSubscriber.builder(SubscriberOptions.builder()
                        .gateways(mesh.euWest(), mesh.usEast()).stream("orderz").from("earliest").build())
                .vertx(vertx)
                .onEvent(event -> { })
                .onState(states::add)
                .onError(errors::add)
                .start();
        Throwable failure = subscriber.done().toCompletionStage().toCompletableFuture().handle((ok, e) -> e).get(30, TimeUnit.SECONDS);
        SubscriberException refused = assertInstanceOf(SubscriberException.class, failure);
        assertEquals("stream.unknown", refused.code());
        assertEquals(4404, refused.closeCode());
        assertTrue(refused.getMessage().contains("no stream 'orderz'"), refused.getMessage());
        assertEquals(List.of(refused), errors);
        assertEquals(List.of(SubscriberState.CONNECTING, SubscriberState.CLOSED),
                states.stream().map(StateChange::state).toList(), "one attempt, then stopped: " + states);
        subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(3)
    void whenItsGatewayStopsMidStreamItResumesInTheOtherRegionWithEveryRecordOnce() throws Exception {
        List<SubscriberEvent> consumed = new CopyOnWriteArrayList<>();
        List<StateChange> states = new CopyOnWriteArrayList<>();
        MeshSubscriber subscriber = MeshSubscriber.builder(SubscriberOptions.builder()
                        .gateways(mesh.euWest(), mesh.usEast())
                        .stream(TwoRegions.STREAM)
                        .from("earliest")
                        .creditWindow(50)
                        // On loopback both are equally near: the order of preference decides, eu-west first.
                        .rttTolerance(Duration.ofSeconds(1))
                        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                        .build())
                .vertx(vertx)
                .onEventAsync(event -> {
                    consumed.add(event);
                    // The 100th event is finished only once eu-west's gateway is gone: mid-stream, with events
                    // received after it and not consumed, and credit outstanding at the gateway.
                    return consumed.size() == 100 ? mesh.stopEuWestGateway() : Future.succeededFuture();
                })
                .onState(states::add)
                .start();
        await().atMost(Duration.ofSeconds(60)).until(() -> consumed.size() >= RECORDS);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> consumed.size() == RECORDS);
        assertEachRecordOnceInOrder(consumed);
        List<URI> connectedTo = states.stream().filter(change -> change.state() == SubscriberState.CONNECTED)
                .map(StateChange::gateway).toList();
        assertEquals(URI.create(mesh.euWest()), connectedTo.get(0), "started at the preferred gateway: " + states);
        assertEquals(URI.create(mesh.usEast()), connectedTo.get(connectedTo.size() - 1), "finished at us-east: " + states);
        assertTrue(states.stream().anyMatch(change -> change.state() == SubscriberState.RECONNECTING), states.toString());
        subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static SubscriberOptions.Builder options(String gateway) {
        return SubscriberOptions.builder().gateways(gateway).stream(TwoRegions.STREAM);
    }

    /** Every record written, once, and within each partition in offset order; values and headers belong together. */
    private static void assertEachRecordOnceInOrder(List<SubscriberEvent> events) {
        Set<String> seen = new HashSet<>();
        Map<Integer, Long> lastOffset = new HashMap<>();
        for (SubscriberEvent event : events) {
            assertEquals("eu-west", event.origin());
            assertTrue(seen.add(event.partition() + "@" + event.offset()), "delivered twice: " + event);
            assertTrue(event.offset() > lastOffset.getOrDefault(event.partition(), -1L), "out of order: " + event);
            lastOffset.put(event.partition(), event.offset());
            JsonObject value = assertInstanceOf(JsonObject.class, event.value(), event.toString());
            assertEquals(event.headers().get("seq"), String.valueOf(value.getInteger("seq")), event.toString());
        }
        assertEquals(RECORDS, seen.size(), "every record once");
    }
}
