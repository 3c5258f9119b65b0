package io.meshgate.gateway.subscribe;

/** A subscription filter that cannot be used; the message points at the mistake. Code {@code subscribe.filter.invalid}. */
final class FilterException extends RuntimeException {

    FilterException(String message) {
        super(message);
    }
}
