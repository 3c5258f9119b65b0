package io.meshgate.gateway.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.observability.Events;
import io.meshgate.gateway.security.ClientIdentity;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.position.CursorException;
import io.meshgate.replication.subscribe.StartPosition;
import io.meshgate.replication.subscribe.StreamCursorReader;
import io.meshgate.replication.subscribe.StreamEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One destination port's subscription over WebSocket: events pushed as the client grants credit
 * ({@code {"type":"credit","n":N}}), a heartbeat with the cursor and how far behind it is every few seconds, and
 * errors as {@code {"type":"error","code":...,"message":...}} followed by a close code. Confined to its socket's
 * event loop; the Kafka reading happens on the reader's own thread.
 */
final class SubscriptionSession {

    static final short CLOSE_BAD_REQUEST = 4400;
    static final short CLOSE_UNAUTHENTICATED = 4401;
    static final short CLOSE_FORBIDDEN = 4403;
    static final short CLOSE_UNKNOWN_STREAM = 4404;
    static final short CLOSE_INTERNAL = 1011;
    private static final long HEARTBEAT_MS = 5_000;
    private static final java.time.Duration CLOSE_GRACE = java.time.Duration.ofSeconds(5);
    private static final long MAX_CREDIT = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSession.class);

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final StreamCursorReader reader;
    private final String stream;
    private final EventFilter filter;
    private final ClientIdentity client;
    private long timer = -1;

    private SubscriptionSession(Vertx vertx, ServerWebSocket socket, StreamCursorReader reader, String stream,
                                EventFilter filter, ClientIdentity client) {
        this.filter = filter;
        this.client = client;
        this.vertx = vertx;
        this.socket = socket;
        this.reader = reader;
        this.stream = stream;
    }

    /** Takes over an accepted socket: checks the request, positions the reader, then streams until closed. */
    static void open(Vertx vertx, ServerWebSocket socket, LocalCluster cluster, MeshConfig mesh, String streamName,
                     MultiMap params, ClientIdentity client) {
        StreamConfig stream = mesh.streams().get(streamName);
        if (stream == null) {
            fail(socket, "stream.unknown", "no stream '" + streamName + "' in the mesh; streams: "
                    + String.join(", ", mesh.streams().keySet()) + " (see GET /v1/streams)", CLOSE_UNKNOWN_STREAM);
            return;
        }
        StartPosition start;
        long initialCredit;
        EventFilter filter;
        try {
            start = StartPosition.parse(params.get("from"), streamName);
            initialCredit = parseCredit(params.get("credit"));
            filter = filter(params);
        } catch (CursorException e) {
            fail(socket, e.code(), e.getMessage(), CLOSE_BAD_REQUEST);
            return;
        } catch (FilterException e) {
            fail(socket, "subscribe.filter.invalid", e.getMessage(), CLOSE_BAD_REQUEST);
            return;
        }
        SubscriptionSession[] session = new SubscriptionSession[1];
        StreamCursorReader reader = new StreamCursorReader(vertx.getOrCreateContext(), cluster, mesh, stream, filter,
                events -> session[0].send(events), failure -> session[0].onReaderFailed(failure));
        session[0] = new SubscriptionSession(vertx, socket, reader, streamName, filter, client);
        session[0].start(start, initialCredit);
    }

    private void start(StartPosition start, long initialCredit) {
        socket.textMessageHandler(this::onMessage);
        socket.binaryMessageHandler(frame -> fail(socket, "subscription.message.invalid",
                "send JSON text frames, like {\"type\":\"credit\",\"n\":100}", CLOSE_BAD_REQUEST));
        socket.closeHandler(v -> stop());
        reader.start(start).onSuccess(cursor -> {
            if (socket.isClosed()) {
                return;
            }
            socket.writeTextMessage(new JsonObject().put("type", "subscribed").put("stream", stream)
                    .put("cursor", cursor.token()).encode());
            reader.grant(initialCredit);
            timer = vertx.setPeriodic(HEARTBEAT_MS, id -> heartbeat());
            Events.info(LOG, "subscription.started", "stream", stream, "principal", client.subject(),
                    "remote", socket.remoteAddress());
        }).onFailure(this::onReaderFailed);
    }

    private void onMessage(String text) {
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            fail(socket, "subscription.message.invalid", "a message must be a JSON object like {\"type\":\"credit\",\"n\":100}",
                    CLOSE_BAD_REQUEST);
            return;
        }
        if ("credit".equals(message.getValue("type")) && message.getValue("n") instanceof Number n
                && n.longValue() > 0 && n.longValue() <= MAX_CREDIT && n.doubleValue() == n.longValue()) {
            reader.grant(n.longValue());
        } else {
            fail(socket, "subscription.message.invalid", "unknown message " + abbreviate(text) + "; the only message a"
                    + " subscriber sends is {\"type\":\"credit\",\"n\":<1.." + MAX_CREDIT + ">}", CLOSE_BAD_REQUEST);
        }
    }

    private void send(List<StreamEvent> events) {
        if (!socket.isClosed()) {
            events.forEach(event -> socket.writeTextMessage(EventJson.of(event, filter).encode()));
        }
    }

    private void heartbeat() {
        reader.behind().onSuccess(behind -> {
            if (!socket.isClosed()) {
                JsonObject byOrigin = new JsonObject();
                behind.forEach((origin, records) -> byOrigin.put(origin, new JsonObject().put("records", records)));
                socket.writeTextMessage(new JsonObject().put("type", "heartbeat").put("cursor", reader.cursor().token())
                        .put("behind", byOrigin).encode());
            }
        });
    }

    private void onReaderFailed(Throwable failure) {
        Events.warn(LOG, "subscription.failed", "stream", stream, "cause", failure.getMessage());
        fail(socket, "subscription.read-failed", "reading stream '" + stream + "' failed: " + failure.getMessage()
                + "; reconnect with your last cursor to resume", CLOSE_INTERNAL);
        stop();
    }

    private void stop() {
        vertx.cancelTimer(timer);
        reader.close();
    }

    private static EventFilter filter(MultiMap params) {
        Map<String, String> headers = new HashMap<>();
        params.names().stream().filter(name -> name.startsWith("header.")).forEach(name -> {
            if (name.length() == "header.".length()) {
                throw new FilterException("header filter needs a name: header.<name>=<value>");
            }
            headers.put(name.substring("header.".length()), params.get(name));
        });
        return EventFilter.parse(params.get("key"), headers, params.get("where"), params.get("fields"));
    }

    private static long parseCredit(String credit) {
        if (credit == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(credit);
            if (n >= 0 && n <= MAX_CREDIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CursorException("subscribe.credit.invalid", "credit must be a whole number from 0 to " + MAX_CREDIT
                + ", got '" + credit + "'");
    }

    /** Refuses a subscription before it starts: an error frame, then the close code. */
    static void refuse(ServerWebSocket socket, String code, String message, short closeCode) {
        fail(socket, code, message, closeCode);
    }

    private static void fail(ServerWebSocket socket, String code, String message, short closeCode) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(new JsonObject().put("type", "error").put("code", code).put("message", message).encode());
            // A closing handshake, not a hang-up: the client gets to read the error frame and the close code even when
            // the refusal comes right after the upgrade, before the client has finished its side of it.
            socket.shutdown(CLOSE_GRACE, closeCode, code);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
