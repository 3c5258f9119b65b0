package io.meshgate.observability;

/**
 * Something registered with a longer-lived owner, such as a gauge callback or a health check, that its component
 * removes when it stops. Unlike {@link AutoCloseable}, closing throws no checked exception, so it fits in
 * try-with-resources and stop methods without ceremony. Closing twice is harmless.
 */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    /** Removes the registration. Idempotent. */
    @Override
    void close();
}
