package io.meshgate.gateway.subscribe;

import io.meshgate.config.StreamConfig;
import io.meshgate.gateway.security.ClientIdentity;
import io.meshgate.observability.Events;
import io.meshgate.replication.subscribe.Gap;
import io.meshgate.replication.subscribe.RingEntry;
import io.meshgate.replication.subscribe.StreamEvent;
import io.meshgate.replication.subscribe.StreamSubscription;
import io.meshgate.replication.subscribe.SubscriptionSink;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One destination port's subscription over WebSocket, once its start and filters are known: events pushed as the
 * client grants credit ({@code {"type":"credit","n":N}}), a heartbeat with the cursor and how far behind it is at a
 * steady interval, gaps said explicitly, and errors as {@code {"type":"error",...}} followed by a close code.
 * Confined to its socket's event loop, like the {@link StreamSubscription} it writes out.
 */
final class SubscriptionSession implements SubscriptionSink {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSession.class);

    /**
     * Shared frames go out whole; a bigger one takes the usual path, which splits it into fragments by the server's
     * frame size limit (at least this).
     */
    private static final int SHARED_FRAME_MAX_BYTES = 64 * 1024;

    private final SubscribeContext ctx;
    private final ServerWebSocket socket;
    private final String stream;
    private final EventFilter filter;
    private final ClientIdentity client;
    private final Runnable onClose;
    private StreamSubscription subscription;
    private HeldFlushes heldFlushes;
    private long timer = -1;
    private boolean stopped;

    SubscriptionSession(SubscribeContext ctx, ServerWebSocket socket, StreamConfig stream, EventFilter filter,
                        ClientIdentity client, Runnable onClose) {
        this.ctx = ctx;
        this.socket = socket;
        this.stream = stream.name();
        this.filter = filter;
        this.client = client;
        this.onClose = onClose;
    }

    /** Positions the subscription and starts streaming; the client hears {@code subscribed} with the cursor first. */
    void start(StreamConfig config, io.meshgate.replication.subscribe.StartPosition start, long initialCredit) {
        ctx.streams().subscribe(ctx.mesh(), config, start, filter, this).onSuccess(opened -> {
            if (stopped || socket.isClosed()) {
                opened.close();
                return;
            }
            subscription = opened;
            heldFlushes = HeldFlushes.install(socket);
            socket.writeTextMessage(new JsonObject().put("type", "subscribed").put("stream", stream)
                    .put("cursor", opened.cursor().token()).encode());
            socket.drainHandler(v -> {
                if (subscription != null) {
                    subscription.resume();
                }
            });
            timer = ctx.vertx().setPeriodic(ctx.limits().heartbeatInterval().toMillis(), id -> heartbeat());
            Events.info(LOG, "subscription.started", "stream", stream, "principal", client.subject(),
                    "remote", socket.remoteAddress());
            opened.grant(initialCredit);
        }).onFailure(this::failed);
    }

    /** More credit from the client. */
    void grant(long events) {
        if (subscription != null) {
            subscription.grant(events);
        }
    }

    @Override
    public boolean writable() {
        return !socket.isClosed() && !socket.writeQueueFull();
    }

    @Override
    public void event(StreamEvent event, RingEntry shared) {
        if (shared == null || filter.projects()) {
            socket.writeTextMessage(EventJson.of(event, filter).encode());
            return;
        }
        // Subscribers in step with the stream's head that do not project get the very same frame: render and encode
        // it once, and hand every socket the same bytes.
        byte[] frame = shared.sharedRendering(() -> EventJson.of(event).encode().getBytes(StandardCharsets.UTF_8));
        if (frame.length <= SHARED_FRAME_MAX_BYTES) {
            socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, frame, true));
        } else {
            socket.writeTextMessage(new String(frame, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void burstStarted() {
        if (heldFlushes != null) {
            heldFlushes.hold();
        }
    }

    @Override
    public void burstEnded() {
        if (heldFlushes != null) {
            heldFlushes.release();
        }
    }

    @Override
    public void gap(Gap gap, String cursor) {
        Events.warn(LOG, "subscription.gap", "stream", stream, "origin", gap.origin(), "partition", gap.partition(),
                "fromOffset", gap.fromOffset(), "toOffset", gap.toOffset(), "principal", client.subject());
        socket.writeTextMessage(new JsonObject().put("type", "gap").put("stream", stream).put("origin", gap.origin())
                .put("partition", gap.partition()).put("fromOffset", gap.fromOffset()).put("toOffset", gap.toOffset())
                .put("records", gap.records())
                .put("reason", "retention in this region removed these records before they were read; the subscription"
                        + " reads on from toOffset")
                .put("cursor", cursor).encode());
    }

    @Override
    public void failed(Throwable failure) {
        Events.warn(LOG, "subscription.failed", "stream", stream, "cause", failure.getMessage());
        SubscribeFrames.fail(socket, "subscription.read-failed", "reading stream '" + stream + "' failed: "
                + failure.getMessage() + "; reconnect with your last cursor to resume", SubscribeFrames.CLOSE_INTERNAL);
        stop();
    }

    private void heartbeat() {
        if (subscription == null || socket.isClosed()) {
            return;
        }
        JsonObject byOrigin = new JsonObject();
        for (Map.Entry<String, StreamSubscription.Behind> behind : subscription.behind().entrySet()) {
            JsonObject origin = new JsonObject().put("records", behind.getValue().records());
            if (behind.getValue().millis() != null) {
                origin.put("ms", behind.getValue().millis());
            }
            byOrigin.put(behind.getKey(), origin);
        }
        socket.writeTextMessage(new JsonObject().put("type", "heartbeat").put("cursor", subscription.cursor().token())
                .put("behind", byOrigin).encode());
    }

    /** The socket closed or the subscription failed: let go of everything it held. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        ctx.vertx().cancelTimer(timer);
        if (subscription != null) {
            subscription.close();
        }
        onClose.run();
    }
}
