package io.meshgate.gateway.filter;

/** A subscription filter that cannot be used; the message points at the mistake. Code {@code subscribe.filter.invalid}. */
public final class FilterException extends RuntimeException {

    public FilterException(String message) {
        super(message);
    }
}
