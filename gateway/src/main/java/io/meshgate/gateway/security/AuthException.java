package io.meshgate.gateway.security;

/** A client could not be authenticated or may not do what it asked; {@link #code()} is the stable id it is told. */
public final class AuthException extends RuntimeException {

    private final String code;

    public AuthException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
