package io.meshgate.gateway.view;

import io.meshgate.replication.position.Cursor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Waits, briefly, for a view to reflect positions a client has seen (a cursor from a subscription, or where its
 * own write landed), so that a read right after a write sees it. Checks every few milliseconds on a timer; never
 * blocks the event loop.
 */
final class ReadYourWrites {

    static final long WAIT_MS = 2_000;
    private static final long CHECK_EVERY_MS = 10;

    private final Vertx vertx;
    private final Views views;

    ReadYourWrites(Vertx vertx, Views views) {
        this.vertx = vertx;
        this.views = views;
    }

    /** True once the view reflects {@code wanted}; false if it still does not after {@link #WAIT_MS}. */
    Future<Boolean> await(String view, Cursor wanted) {
        if (views.reflects(view, wanted)) {
            return Future.succeededFuture(true);
        }
        Promise<Boolean> promise = Promise.promise();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        vertx.setPeriodic(CHECK_EVERY_MS, id -> {
            if (views.reflects(view, wanted)) {
                vertx.cancelTimer(id);
                promise.tryComplete(true);
            } else if (System.currentTimeMillis() >= deadline) {
                vertx.cancelTimer(id);
                promise.tryComplete(false);
            }
        });
        return promise.future();
    }
}
