package io.meshgate.replication.subscribe;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;

/**
 * Bounds how many catch-up readers (each a thread and a Kafka consumer with its fetch buffers) a gateway runs at
 * once, so that a thousand subscribers starting from the beginning at the same moment queue up instead of
 * exhausting the heap. First come, first served; a permit is handed back when its reader closes.
 */
final class CatchUpPermits {

    private record Waiter(Context context, Promise<Void> promise) {
    }

    private final int permits;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int taken;

    CatchUpPermits(int permits) {
        this.permits = permits;
    }

    /** Completes, on {@code context}, once a permit is free. */
    synchronized Future<Void> acquire(Context context) {
        if (taken < permits) {
            taken++;
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        waiting.add(new Waiter(context, promise));
        return promise.future();
    }

    void release() {
        Waiter next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                taken--;
                return;
            }
        }
        // The permit passes straight to the next in line.
        next.context().runOnContext(v -> next.promise().complete());
    }

    synchronized int inUse() {
        return taken;
    }

    synchronized int queued() {
        return waiting.size();
    }
}
