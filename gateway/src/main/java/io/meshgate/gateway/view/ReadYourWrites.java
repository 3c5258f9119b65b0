package io.meshgate.gateway.view;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Waits, briefly, for a view to reflect positions a client has seen (a cursor from a subscription, or where its
 * own write landed), so that a read right after a write sees it. Checks every few milliseconds on a timer; never
 * blocks the event loop.
 */
final class ReadYourWrites {

    static final long WAIT_MS = 2_000;
    private static final long CHECK_EVERY_MS = 10;

    private final Vertx vertx;

    ReadYourWrites(Vertx vertx) {
        this.vertx = vertx;
    }

    /** True once {@code reflects} says so; false if it still does not after {@link #WAIT_MS}. */
    Future<Boolean> await(Supplier<Future<Boolean>> reflects) {
        Promise<Boolean> promise = Promise.promise();
        check(reflects, System.currentTimeMillis() + WAIT_MS, promise);
        return promise.future();
    }

    private void check(Supplier<Future<Boolean>> reflects, long deadline, Promise<Boolean> promise) {
        reflects.get().onFailure(promise::tryFail).onSuccess(yes -> {
            if (yes) {
                promise.tryComplete(true);
            } else if (System.currentTimeMillis() >= deadline) {
                promise.tryComplete(false);
            } else {
                vertx.setTimer(CHECK_EVERY_MS, id -> check(reflects, deadline, promise));
            }
        });
    }
}
