package io.meshgate.client;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One subscription at one gateway over one WebSocket, from the handshake to its end, which {@link #ended()}
 * reports exactly once. After the end nothing more reaches the listener, so frames of a connection that was given
 * up cannot mix with the next one's. A connection silent for longer than its limit (the connect timeout during the
 * handshake, the subscribe timeout until the gateway confirms, the heartbeat timeout after that) is given up:
 * half-open TCP connections would otherwise hang forever.
 *
 * <p>Confined to the subscriber's context, like its listener.
 */
final class Connection {

    /** Receives the frames of a live connection. */
    interface Listener {
        void subscribed(Connection connection, ServerFrame.Subscribed frame);

        void event(Connection connection, SubscriberEvent event);

        void heartbeat(Connection connection, ServerFrame.Heartbeat frame);

        void gap(Connection connection, ServerFrame.Gap frame);
    }

    /**
     * How a connection ended.
     *
     * @param subscribed the gateway confirmed the subscription
     * @param alive      events or heartbeats flowed after that
     * @param closeCode  the WebSocket close code, or -1 when there was none (refused connection, lost TCP, timeout)
     * @param error      the gateway's error frame, if it sent one
     * @param cause      what ended it, in words
     */
    record Ended(URI gateway, boolean subscribed, boolean alive, int closeCode, ServerFrame.Error error, String cause) {

        /** The gateway refused the request itself (4400-4499): retrying the same request cannot succeed. */
        boolean refused() {
            return closeCode >= 4400 && closeCode <= 4499;
        }
    }

    // A refusal sent right after the upgrade can overtake the client's own end of the handshake: the handshake
    // fails, yet the error frame and the close code still arrive. Give them this long before calling it lost.
    private static final long REFUSAL_GRACE_MS = 1_000;

    private final Vertx vertx;
    private final URI gateway;
    private final Listener listener;
    private final Duration heartbeatTimeout;
    private final Duration subscribeTimeout;
    private final Promise<Ended> ended = Promise.promise();
    private ClientWebSocket socket;
    private long watchdog = -1;
    private long silentSince = System.nanoTime();
    private Duration silenceLimit;
    private boolean connected;
    private boolean subscribed;
    private boolean alive;
    private ServerFrame.Error error;

    private Connection(Vertx vertx, URI gateway, Listener listener, SubscriberOptions options) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.listener = listener;
        this.heartbeatTimeout = options.heartbeatTimeout();
        this.subscribeTimeout = options.subscribeTimeout();
        this.silenceLimit = options.connectTimeout();
    }

    /** A connection to {@code gateway}, not opened yet: {@link #open} starts it. */
    static Connection to(Vertx vertx, SubscriberOptions options, URI gateway, Listener listener) {
        return new Connection(vertx, gateway, listener, options);
    }

    /**
     * Opens the subscription from {@code from} with {@code credit}; on the subscriber's context. Separate from
     * creating the connection so the subscriber knows it as its current one before any frame can arrive.
     */
    void open(WebSocketClient client, SubscriberOptions options, String from, int credit) {
        start(client, connectOptions(options, gateway, from, credit));
    }

    URI gateway() {
        return gateway;
    }

    Future<Ended> ended() {
        return ended.future();
    }

    boolean live() {
        return !ended.future().isComplete();
    }

    /** Gives the gateway {@code n} more credit. */
    void grant(int n) {
        if (live() && connected) {
            socket.writeTextMessage(new JsonObject().put("type", "credit").put("n", n).encode());
        }
    }

    /** Ends the connection from this side. */
    void close(String cause) {
        finish(-1, cause);
        closeSocket((short) 1000, "client closing");
    }

    /** Closes the socket if the handshake is done; if it is still under way, its success closes it. */
    private void closeSocket(short code, String reason) {
        if (connected && !socket.isClosed()) {
            socket.close(code, reason);
        }
    }

    private void start(WebSocketClient client, WebSocketConnectOptions connect) {
        // Handlers before connecting: a refusal's error frame may arrive together with the handshake.
        socket = client.webSocket();
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(frame -> protocolError("the gateway sent a binary frame; subscriptions use JSON text"));
        socket.closeHandler(v -> {
            Short code = connected || error != null ? socket.closeStatusCode() : null;
            String reason = code == null ? null : socket.closeReason();
            finish(code == null ? -1 : code, code == null ? "connection lost" : "closed by the gateway with " + code
                    + (reason == null || reason.isEmpty() ? "" : " " + reason));
        });
        armWatchdog();
        socket.connect(connect).onSuccess(ws -> {
            connected = true;
            if (!live()) {
                socket.close((short) 1000, "client gave up on this connection");  // too late: timed out or closed meanwhile
                return;
            }
            if (!subscribed) {
                silentSince = System.nanoTime();
                silenceLimit(subscribeTimeout);
            }
        }).onFailure(failure -> {
            if (error != null) {
                vertx.setTimer(REFUSAL_GRACE_MS, id -> finish(-1, "refused: " + error.code()));
            } else {
                finish(-1, "cannot connect: " + failure.getMessage());
            }
        });
    }

    private void onText(String text) {
        if (!live()) {
            return;
        }
        silentSince = System.nanoTime();
        ServerFrame frame;
        try {
            frame = ServerFrame.parse(text);
        } catch (ServerFrame.MalformedFrameException e) {
            protocolError(e.getMessage());
            return;
        }
        // Java 17: no pattern matching in switch yet.
        if (frame instanceof ServerFrame.Subscribed subscribedFrame) {
            subscribed = true;
            silenceLimit(heartbeatTimeout);
            listener.subscribed(this, subscribedFrame);
        } else if (frame instanceof ServerFrame.Event event) {
            alive = true;
            listener.event(this, event.event());
        } else if (frame instanceof ServerFrame.Heartbeat heartbeat) {
            alive = true;
            listener.heartbeat(this, heartbeat);
        } else if (frame instanceof ServerFrame.Gap gap) {
            alive = true;
            listener.gap(this, gap);
        } else if (frame instanceof ServerFrame.Error errorFrame) {
            error = errorFrame;  // the close code follows
        }
    }

    private void protocolError(String problem) {
        finish(-1, "protocol error: " + problem);
        closeSocket((short) 1002, "protocol error");
    }

    private void silenceLimit(Duration limit) {
        silenceLimit = limit;
        if (live()) {
            vertx.cancelTimer(watchdog);
            armWatchdog();
        }
    }

    private void armWatchdog() {
        long silentMs = (System.nanoTime() - silentSince) / 1_000_000;
        long leftMs = silenceLimit.toMillis() - silentMs;
        if (leftMs <= 0) {
            finish(-1, "no frame from the gateway for " + silentMs + " ms");
            closeSocket((short) 1001, "silent gateway");
            return;
        }
        watchdog = vertx.setTimer(leftMs, id -> {
            if (live()) {
                armWatchdog();
            }
        });
    }

    private void finish(int closeCode, String cause) {
        if (live()) {
            vertx.cancelTimer(watchdog);
            String why = error == null ? cause : cause + " (" + error.code() + ": " + error.message() + ")";
            ended.complete(new Ended(gateway, subscribed, alive, closeCode, error, why));
        }
    }

    private static WebSocketConnectOptions connectOptions(SubscriberOptions options, URI gateway, String from, int credit) {
        boolean tls = "https".equals(gateway.getScheme());
        StringBuilder uri = new StringBuilder(gateway.getRawPath() == null ? "" : gateway.getRawPath())
                .append("/v1/streams/").append(encode(options.stream())).append("/subscribe")
                .append("?from=").append(encode(from))
                .append("&credit=").append(credit);
        for (Map.Entry<String, String> filter : options.filters().entrySet()) {
            uri.append('&').append(encode(filter.getKey())).append('=').append(encode(filter.getValue()));
        }
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setHost(gateway.getHost())
                .setPort(gateway.getPort() > 0 ? gateway.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setURI(uri.toString())
                .setConnectTimeout(options.connectTimeout().toMillis());
        if (options.bearerToken() != null) {
            connect.addHeader("Authorization", "Bearer " + options.bearerToken().get());
        }
        return connect;
    }

    private static String encode(String text) {
        // %20 rather than '+': a space that no query decoder can read as a plus sign.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
