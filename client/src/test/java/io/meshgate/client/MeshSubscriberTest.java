package io.meshgate.client;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's side of the protocol against a scripted gateway: silence, credit, failing handlers. */
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
}
