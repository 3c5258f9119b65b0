package io.meshgate.gateway.subscribe;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** Error frames and the close codes that follow them, the same for every way a subscription can end badly. */
final class SubscribeFrames {

    static final short CLOSE_BAD_REQUEST = 4400;
    static final short CLOSE_UNAUTHENTICATED = 4401;
    static final short CLOSE_FORBIDDEN = 4403;
    static final short CLOSE_UNKNOWN_STREAM = 4404;
    static final short CLOSE_TOO_MANY = 4429;
    static final short CLOSE_TOO_BIG = 1009;
    static final short CLOSE_POLICY = 1008;
    static final short CLOSE_INTERNAL = 1011;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private SubscribeFrames() {
    }

    /** An error frame, then the close code. */
    static void fail(ServerWebSocket socket, String code, String message, short closeCode) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(new JsonObject().put("type", "error").put("code", code).put("message", message).encode());
            // A closing handshake, not a hang-up: the client gets to read the error frame and the close code even when
            // the refusal comes right after the upgrade, before the client has finished its side of it.
            socket.shutdown(CLOSE_GRACE, closeCode, code);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
