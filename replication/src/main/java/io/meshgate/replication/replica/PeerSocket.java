package io.meshgate.replication.replica;

import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.ControlMessage.Type;
import io.meshgate.replication.protocol.LinkProtocol;
import io.meshgate.replication.protocol.LinkProtocolException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One connection of a {@link PeerLink} to its origin: what arrives on it, what the receiving side says on it, and
 * when the origin was last heard on it, since a half-open connection is noticed by that silence, not by TCP. A new
 * one per connect, so the link tells a late event of an earlier connection from one of the current one by identity.
 *
 * <p>Not thread-safe: confined to its link's event loop.
 */
final class PeerSocket {

    private final WebSocket socket;
    private long lastReceivedMillis = System.currentTimeMillis();

    PeerSocket(WebSocket socket) {
        this.socket = socket;
    }

    /**
     * Passes on what arrives while {@code current} (asked at each event) says this is still the link's connection:
     * a late message or close of one the link already gave up on is none of its business. {@code onClosed} is told
     * how the origin closed it ({@link LinkDialer#closeDetail}).
     */
    void listen(BooleanSupplier current, Consumer<String> onText, Consumer<Buffer> onBatch, Consumer<String> onClosed) {
        socket.textMessageHandler(text -> {
            if (current.getAsBoolean()) {
                onText.accept(text);
            }
        });
        socket.binaryMessageHandler(frame -> {
            if (current.getAsBoolean()) {
                onBatch.accept(frame);
            }
        });
        socket.closeHandler(v -> {
            if (current.getAsBoolean()) {
                onClosed.accept(LinkDialer.closeDetail(socket));
            }
        });
    }

    /** A message arrived: the origin is alive. */
    void heard() {
        lastReceivedMillis = System.currentTimeMillis();
    }

    long silentForMillis() {
        return System.currentTimeMillis() - lastReceivedMillis;
    }

    void hello(String localRegion, String instanceId) {
        send(ControlMessage.of(Type.HELLO)
                .put("protocol", LinkProtocol.VERSION)
                .put("region", localRegion)
                .put("instance", instanceId));
    }

    void describe(String stream) {
        send(ControlMessage.of(Type.DESCRIBE).put("stream", stream));
    }

    void subscribe(String stream, int subscription, Map<Integer, Long> positions) {
        send(ControlMessage.of(Type.SUBSCRIBE)
                .put("stream", stream)
                .put("subscription", subscription)
                .put("positions", ControlMessage.toJson(positions)));
    }

    void unsubscribe(String stream) {
        send(ControlMessage.of(Type.UNSUBSCRIBE).put("stream", stream));
    }

    /** {@code streams}: each stream's committed positions, which the origin relays to every region it serves. */
    void progress(JsonObject streams) {
        send(ControlMessage.of(Type.PROGRESS).put("streams", streams));
    }

    /** Tells the origin what it did wrong, before the link closes this connection for it. */
    void refuse(LinkProtocolException error) {
        send(ControlMessage.of(Type.ERROR).put("code", error.code()).put("message", error.getMessage()));
    }

    /** Stops reading: TCP backpressure carries this to the origin, which stops polling its topic. */
    void pause() {
        socket.pause();
    }

    void resume() {
        socket.resume();
    }

    void close(short code, String reason) {
        socket.close(code, reason);
    }

    private void send(JsonObject message) {
        socket.writeTextMessage(message.encode());
    }
}
