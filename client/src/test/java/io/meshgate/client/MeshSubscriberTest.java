package io.meshgate.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's side of the protocol against a scripted gateway: silence, credit, failing handlers, gaps. */
class MeshSubscriberTest {

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static SubscriberOptions.Builder options(ScriptedGateway gateway) {
        return SubscriberOptions.builder().gateways(gateway.url()).stream("orders")
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @Test
    void aSilentGatewayIsReplacedAndTheNextSubscriptionStartsWhereTheFirstWasPinned() throws Exception {
        // Confirms the subscription, then says nothing more: no events, no heartbeats.
        try (ScriptedGateway gateway = new ScriptedGateway(vertx, socket -> socket.writeTextMessage(ScriptedGateway.subscribed("c1.PINNED")))) {
            List<StateChange> states = new CopyOnWriteArrayList<>();
            MeshSubscriber subscriber = MeshSubscriber.builder(options(gateway).from("latest")
                            .heartbeatTimeout(Duration.ofMillis(300)).build())
                    .vertx(vertx).onEvent(event -> { }).onState(states::add).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.froms.size() >= 2);
            // `latest` the first time; then the position `latest` stood at, so nothing written meanwhile is skipped.
            assertEquals(List.of("latest", "c1.PINNED"), gateway.froms.subList(0, 2));
            StateChange reconnecting = states.stream().filter(change -> change.state() == SubscriberState.RECONNECTING)
                    .findFirst().orElseThrow();
            assertTrue(reconnecting.reason().startsWith("no frame from the gateway for "), reconnecting.reason());
            subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void creditComesBackInHalfWindowsAsTheHandlerFinishesEvents() throws Exception {
        try (ScriptedGateway gateway = new ScriptedGateway(vertx, socket -> {
            socket.writeTextMessage(ScriptedGateway.subscribed("c1.S"));
            for (int offset = 0; offset < 4; offset++) {
                socket.writeTextMessage(ScriptedGateway.event(offset));
            }
        })) {
            List<SubscriberEvent> events = new CopyOnWriteArrayList<>();
            MeshSubscriber subscriber = MeshSubscriber.builder(options(gateway).creditWindow(4).build())
                    .vertx(vertx).onEvent(events::add).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 4 && gateway.received.size() >= 2);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> gateway.received.size() == 2);
            JsonObject half = new JsonObject().put("type", "credit").put("n", 2);
            assertEquals(List.of(half, half), gateway.received);
            assertEquals("c1.E3", subscriber.cursor());
            assertEquals(List.of(0L, 1L, 2L, 3L), events.stream().map(SubscriberEvent::offset).toList());
            subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingWhileAHandshakeHangsStopsAtOnce() throws Exception {
        // Accepts TCP connections and never answers: health probes time out, the WebSocket handshake hangs.
        io.vertx.core.net.NetServer mute = vertx.createNetServer().connectHandler(socket -> { });
        mute.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            List<StateChange> states = new CopyOnWriteArrayList<>();
            MeshSubscriber subscriber = MeshSubscriber.builder(SubscriberOptions.builder()
                            .gateways("http://127.0.0.1:" + mute.actualPort()).stream("orders")
                            .healthProbeTimeout(Duration.ofMillis(100)).build())
                    .vertx(vertx).onEvent(event -> { }).onState(states::add).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !states.isEmpty());
            assertEquals(SubscriberState.CONNECTING, states.get(0).state());
            subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            subscriber.done().toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
            assertEquals(SubscriberState.CLOSED, states.get(states.size() - 1).state());
        } finally {
            mute.close();
        }
    }

    @Test
    void aFailingHandlerStopsTheSubscriberAtTheEventItFailedOn() throws Exception {
        try (ScriptedGateway gateway = new ScriptedGateway(vertx, socket -> {
            socket.writeTextMessage(ScriptedGateway.subscribed("c1.S"));
            socket.writeTextMessage(ScriptedGateway.event(0));
            socket.writeTextMessage(ScriptedGateway.event(1));
            socket.writeTextMessage(ScriptedGateway.event(2));
        })) {
            MeshSubscriber subscriber = MeshSubscriber.builder(options(gateway).build())
                    .vertx(vertx)
                    .onEvent(event -> {
                        if (event.offset() == 1) {
                            throw new IllegalStateException("cannot store order 1");
                        }
                    })
                    .start();
            Throwable failure = assertThrows(Exception.class, () -> subscriber.done().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)).getCause();
            SubscriberException stopped = assertInstanceOf(SubscriberException.class, failure);
            assertEquals("client.handler.failed", stopped.code());
            assertTrue(stopped.getMessage().contains("cannot store order 1"), stopped.getMessage());
            assertEquals("c1.E0", subscriber.cursor(), "resumes at the event that failed");
            assertEquals(1, gateway.froms.size(), "no reconnect");
            subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Event 0, a gap of offsets 1 to 5, then event 5, as a gateway whose region lost 1-4 to retention sends them. */
    private static void eventGapEvent(io.vertx.core.http.ServerWebSocket socket) {
        socket.writeTextMessage(ScriptedGateway.subscribed("c1.S"));
        socket.writeTextMessage(ScriptedGateway.event(0));
        socket.writeTextMessage(ScriptedGateway.gap(1, 5));
        socket.writeTextMessage(ScriptedGateway.event(5));
    }

    @Test
    void aGapBetweenTwoEventsReachesOnGapBetweenThem() throws Exception {
        try (ScriptedGateway gateway = new ScriptedGateway(vertx, MeshSubscriberTest::eventGapEvent)) {
            List<Object> seen = new CopyOnWriteArrayList<>();
            MeshSubscriber subscriber = MeshSubscriber.builder(options(gateway).build())
                    .vertx(vertx).onEvent(event -> seen.add(event.offset())).onGap(seen::add).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
            assertEquals(List.of(0L, new SubscriberGap("orders", "eu-west", 0, 1, 5, 4,
                    "retention in this region removed these records before they were read"), 5L), seen);
            await().atMost(Duration.ofSeconds(10)).until(() -> "c1.E5".equals(subscriber.cursor()));
            subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGapWaitsForTheAsyncHandlerOfTheEventBeforeIt() throws Exception {
        try (ScriptedGateway gateway = new ScriptedGateway(vertx, MeshSubscriberTest::eventGapEvent)) {
            List<Object> seen = new CopyOnWriteArrayList<>();
            Map<Long, Promise<Void>> working = new ConcurrentHashMap<>();
            MeshSubscriber subscriber = MeshSubscriber.builder(options(gateway).build())
                    .vertx(vertx)
                    .onEventAsync(event -> {
                        seen.add(event.offset());
                        Promise<Void> finished = Promise.promise();
                        working.put(event.offset(), finished);
                        return finished.future();
                    })
                    .onGap(gap -> seen.add("gap " + gap.fromOffset() + ".." + gap.toOffset()))
                    .start();
            // Two events received (the second came after the gap on the wire), the first still being handled.
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.pending() == 2);
            assertEquals(List.of(0L), seen);
            working.get(0L).complete();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
            assertEquals(List.of(0L, "gap 1..5", 5L), seen);
            assertEquals("c1.E0", subscriber.cursor(), "a gap does not move the cursor; a finished event does");
            working.get(5L).complete();
            await().atMost(Duration.ofSeconds(10)).until(() -> "c1.E5".equals(subscriber.cursor()));
            subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutOnGapEventsStillFlowAndTheGapIsLogged() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(MeshSubscriber.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (ScriptedGateway gateway = new ScriptedGateway(vertx, MeshSubscriberTest::eventGapEvent)) {
            List<Long> offsets = new CopyOnWriteArrayList<>();
            MeshSubscriber subscriber = MeshSubscriber.builder(options(gateway).build())
                    .vertx(vertx).onEvent(event -> offsets.add(event.offset())).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> "c1.E5".equals(subscriber.cursor()));
            assertEquals(List.of(0L, 5L), offsets);
            ILoggingEvent gap = logged.list.stream().filter(line -> line.getFormattedMessage().startsWith("client.gap "))
                    .findFirst().orElseThrow();
            assertEquals(Level.WARN, gap.getLevel());
            assertTrue(gap.getFormattedMessage().contains(" origin=eu-west partition=0 fromOffset=1 toOffset=5 records=4 "),
                    gap.getFormattedMessage());
            subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            log.detachAppender(logged);
        }
    }

    @Test
    void aReconnectAfterAGapResumesFromTheLastEventAndMeetsTheGapAgain() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ScriptedGateway gateway = new ScriptedGateway(vertx, socket -> {
            socket.writeTextMessage(ScriptedGateway.subscribed("c1.S"));
            if (connections.incrementAndGet() == 1) {
                socket.writeTextMessage(ScriptedGateway.event(0));
                socket.writeTextMessage(ScriptedGateway.gap(1, 5));
                socket.close();  // cut before event 5
            } else {
                socket.writeTextMessage(ScriptedGateway.gap(1, 5));
                socket.writeTextMessage(ScriptedGateway.event(5));
            }
        })) {
            List<Object> seen = new CopyOnWriteArrayList<>();
            MeshSubscriber subscriber = MeshSubscriber.builder(options(gateway).build())
                    .vertx(vertx).onEvent(event -> seen.add(event.offset())).onGap(gap -> seen.add("gap")).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> "c1.E5".equals(subscriber.cursor()));
            assertEquals(List.of("latest", "c1.E0"), gateway.froms, "not the gap's cursor c1.G5");
            assertEquals(List.of(0L, "gap", "gap", 5L), seen);
            subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailingGapListenerStopsTheSubscriberBeforeTheGap() throws Exception {
        try (ScriptedGateway gateway = new ScriptedGateway(vertx, MeshSubscriberTest::eventGapEvent)) {
            List<Long> offsets = new CopyOnWriteArrayList<>();
            MeshSubscriber subscriber = MeshSubscriber.builder(options(gateway).build())
                    .vertx(vertx)
                    .onEvent(event -> offsets.add(event.offset()))
                    .onGap(gap -> {
                        throw new IllegalStateException("records 1-4 are needed");
                    })
                    .start();
            Throwable failure = assertThrows(Exception.class, () -> subscriber.done().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)).getCause();
            SubscriberException stopped = assertInstanceOf(SubscriberException.class, failure);
            assertEquals("client.handler.failed", stopped.code());
            assertTrue(stopped.getMessage().contains("records 1-4 are needed"), stopped.getMessage());
            assertEquals(List.of(0L), offsets);
            assertEquals("c1.E0", subscriber.cursor(), "resumes before the gap");
            subscriber.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
