package io.meshgate.client;

/**
 * Why a subscriber stopped on its own: a gateway refused the subscription in a way retrying cannot fix (its error
 * code and close code, e.g. {@code stream.unknown} and 4404), or the application's handler failed
 * ({@code client.handler.failed}, close code -1).
 */
public final class SubscriberException extends RuntimeException {

    private final String code;
    private final int closeCode;

    public SubscriberException(String code, int closeCode, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.closeCode = closeCode;
    }

    /** The stable error id: the gateway's ({@code stream.unknown}, {@code auth.denied}, ...) or the client's. */
    public String code() {
        return code;
    }

    /** The WebSocket close code the gateway used (4400, 4401, 4403, 4404), or -1 when the gateway did not close. */
    public int closeCode() {
        return closeCode;
    }
}
