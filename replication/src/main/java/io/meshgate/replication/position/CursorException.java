package io.meshgate.replication.position;

/**
 * A cursor token that cannot be used: malformed, from another stream, or of a version this gateway does not know.
 * {@link #code()} is a stable id for error frames and logs; the message says what was wrong and what to do.
 */
public final class CursorException extends RuntimeException {

    private final String code;

    public CursorException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
