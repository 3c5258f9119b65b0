package io.meshgate.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which frames count and what moves the cursor, without a gateway: the connections are never opened (a connection
 * needs Vert.x only for its timers), and the handler finishes each event when the test says so.
 */
class CurrentConnectionTest {

    private static final URI EU = URI.create("http://eu-west:8080");

    static Vertx vertx;

    private final SubscriberOptions options = SubscriberOptions.builder().gateways(EU.toString()).stream("orders")
            .creditWindow(2).build();
    // Written on the test thread and, when a handler's future completes, on the Vert.x context.
    private final List<Long> handled = new CopyOnWriteArrayList<>();
    private final List<Promise<Void>> working = new CopyOnWriteArrayList<>();
    private final List<StateChange> states = new CopyOnWriteArrayList<>();
    private final Delivery delivery;
    private final CurrentConnection current;

    CurrentConnectionTest() {
        SubscriberCallbacks callbacks = new SubscriberCallbacks(states::add, error -> { }, null);
        delivery = new Delivery(vertx.getOrCreateContext(), this::handle, callbacks::gap, this::outcome);
        current = new CurrentConnection(options, delivery, callbacks);
    }

    /** As MeshSubscriber does: a finished event goes back to the current connection. */
    private void outcome(Delivery.Item item, Throwable failure) {
        if (item instanceof Delivery.Received received) {
            current.finished(received);
        }
    }

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Future<?> handle(SubscriberEvent event) {
        handled.add(event.offset());
        Promise<Void> finished = Promise.promise();
        working.add(finished);
        return finished.future();
    }

    private Connection connection() {
        return Connection.to(vertx, options, EU, current);
    }

    private static SubscriberEvent event(long offset) {
        return new SubscriberEvent("orders", "eu-west", 0, offset, 1L, "k", null, null, null, Map.of(), "c1.E" + offset);
    }

    @Test
    void itOpensWithTheWholeCreditWindow() {
        assertEquals(2, current.use(connection()));
    }

    @Test
    void subscribedPinsTheCursorAndReportsConnected() {
        Connection connection = connection();
        current.use(connection);

        current.subscribed(connection, new ServerFrame.Subscribed("orders", "c1.S"));

        assertEquals("c1.S", current.cursor());
        assertEquals(List.of(new StateChange(SubscriberState.CONNECTED, EU, null, Duration.ZERO)), states);
    }

    @Test
    void aFinishedEventMovesTheCursorAndAHeartbeatDoesNot() {
        Connection connection = connection();
        current.use(connection);
        current.subscribed(connection, new ServerFrame.Subscribed("orders", "c1.S"));

        current.event(connection, event(0));
        assertEquals(List.of(0L), handled);
        assertEquals("c1.S", current.cursor(), "handed over, not finished yet");
        working.get(0).complete();
        await().atMost(Duration.ofSeconds(10)).until(() -> "c1.E0".equals(current.cursor()));

        current.heartbeat(connection, new ServerFrame.Heartbeat("c1.E9", Map.of("eu-west", 9L)));
        assertEquals("c1.E0", current.cursor(), "a heartbeat's cursor may be ahead of events not sent yet");
        assertEquals(Map.of("eu-west", 9L), current.recordsBehind());
    }

    @Test
    void framesOfAConnectionThatIsNoLongerCurrentAreDropped() {
        Connection old = connection();
        current.use(old);
        Connection next = connection();
        current.use(next);

        current.subscribed(old, new ServerFrame.Subscribed("orders", "c1.OLD"));
        current.event(old, event(0));
        current.heartbeat(old, new ServerFrame.Heartbeat("c1.OLD", Map.of("eu-west", 5L)));

        assertNull(current.cursor());
        assertEquals(List.of(), handled);
        assertEquals(Map.of(), current.recordsBehind());
        assertTrue(current.is(next));
        current.clear();
        assertFalse(current.is(next));
        assertNull(current.connection());
    }

    @Test
    void anEventBeyondTheCreditWindowEndsTheConnection() {
        Connection connection = connection();
        current.use(connection);

        current.event(connection, event(0));
        current.event(connection, event(1));
        assertFalse(connection.ended().isComplete());
        current.event(connection, event(2));

        assertTrue(connection.ended().isComplete());
        assertEquals("protocol error: the gateway sent more events than it was granted credit for",
                connection.ended().result().cause());
        assertEquals(List.of(0L), handled, "one at a time; the third was never queued");
        assertEquals(2, delivery.pending());
    }
}
