package io.meshgate.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * The subscriber's current connection and the traffic over it. Its frames go to delivery in the order they came,
 * events only within its credit window; each event the handler finishes moves the cursor and, in batches, gives its
 * credit back. Frames of any other connection, one given up or replaced, are dropped, so they cannot mix with the
 * current one's. The cursor outlives connections: the next one resumes from it.
 *
 * <p>Confined to the subscriber's context, except {@link #cursor()} and {@link #recordsBehind()}, which any thread
 * may read.
 */
final class CurrentConnection implements Connection.Listener {

    // The client's events all go to one logger, the one applications configure (and tests capture) by name.
    private static final Logger LOG = LoggerFactory.getLogger(MeshSubscriber.class);

    private final SubscriberOptions options;
    private final Delivery delivery;
    private final SubscriberCallbacks callbacks;
    private Connection connection;
    private CreditWindow credit;

    private volatile String cursor;
    private volatile Map<String, Long> recordsBehind = Map.of();

    CurrentConnection(SubscriberOptions options, Delivery delivery, SubscriberCallbacks callbacks) {
        this.options = options;
        this.delivery = delivery;
        this.callbacks = callbacks;
    }

    /**
     * Makes {@code next} the current connection, with a full credit window; returns the credit to open it with.
     * Call before opening it, so that its first frame already finds it current.
     */
    int use(Connection next) {
        credit = new CreditWindow(options.creditWindow());
        connection = next;
        return credit.initial();
    }

    /** The current connection, or null between connections. */
    Connection connection() {
        return connection;
    }

    boolean is(Connection candidate) {
        return candidate == connection;
    }

    /** No connection is current any more: its frames, if more come, are dropped. */
    void clear() {
        connection = null;
    }

    /** See {@link MeshSubscriber#cursor()}. */
    String cursor() {
        return cursor;
    }

    /** See {@link MeshSubscriber#recordsBehind()}. */
    Map<String, Long> recordsBehind() {
        return recordsBehind;
    }

    /** The handler finished this event: the cursor moves past it, and its credit goes back if its connection is current. */
    void finished(Delivery.Received received) {
        cursor = received.event().cursor();
        int grant = received.window().consumed();
        if (grant > 0 && received.connection() == connection) {
            received.connection().grant(grant);
        }
    }

    @Override
    public void subscribed(Connection from, ServerFrame.Subscribed frame) {
        if (from != connection) {
            return;
        }
        // Before any event of this connection: the start it resolved (pins `latest` and `ts:` for reconnects).
        cursor = frame.cursor();
        ClientEvents.info(LOG, "client.subscribed", "stream", options.stream(), "gateway", from.gateway());
        callbacks.state(SubscriberState.CONNECTED, from.gateway(), null, Duration.ZERO);
    }

    @Override
    public void event(Connection from, SubscriberEvent event) {
        if (from != connection) {
            return;
        }
        if (!credit.received()) {
            from.close("protocol error: the gateway sent more events than it was granted credit for");
            return;
        }
        delivery.add(new Delivery.Received(event, from, credit));
    }

    @Override
    public void heartbeat(Connection from, ServerFrame.Heartbeat frame) {
        if (from != connection) {
            return;
        }
        recordsBehind = frame.recordsBehind();
        // Its cursor is not taken as a place to resume: the gateway reads it from its Kafka reader, which can be
        // ahead of events it has already counted against credit and not written yet, so resuming there could
        // skip them. The last consumed event's cursor (or the subscribed one) never skips anything.
    }

    @Override
    public void gap(Connection from, ServerFrame.Gap frame) {
        if (from != connection) {
            return;
        }
        // In line with the events, so the application meets it between the right two. Its cursor is not taken
        // either: resuming past the gap would give up records that another region may still hold.
        delivery.add(new Delivery.Gapped(frame.gap(), from));
    }
}
