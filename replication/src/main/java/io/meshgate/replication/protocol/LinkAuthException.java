package io.meshgate.replication.protocol;

/** A link handshake whose credentials do not prove it comes from a gateway of this mesh; {@link #code()} is stable. */
public final class LinkAuthException extends RuntimeException {

    private final String code;

    public LinkAuthException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
