package io.meshgate.replication.protocol;

/**
 * A peer sent something the link protocol does not allow. {@link #code()} is a stable dotted id that is
 * logged and sent to the peer in an {@code error} message, so both operators see the same reason.
 */
public final class LinkProtocolException extends RuntimeException {

    private final String code;

    public LinkProtocolException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
