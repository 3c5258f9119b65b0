package io.meshgate.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Hands received events to the application's handler one at a time, the next only once the previous one's future
 * has completed, and reports each outcome. Confined to the subscriber's context; a handler's future may complete
 * on any thread, its outcome is brought back to the context.
 */
final class Delivery {

    /** An event with the connection and credit window it came from, so its credit goes back to the right place. */
    record Received(SubscriberEvent event, Connection connection, CreditWindow window) {
    }

    private final Context context;
    private final Function<SubscriberEvent, Future<?>> handler;
    private final BiConsumer<Received, Throwable> outcome;
    private final ArrayDeque<Received> queue = new ArrayDeque<>();
    private final List<Promise<Void>> idleWaiters = new ArrayList<>();
    private boolean busy;
    private volatile int pending;

    /** {@code outcome} gets each event after its handler: with null on success, else the failure. */
    Delivery(Context context, Function<SubscriberEvent, Future<?>> handler, BiConsumer<Received, Throwable> outcome) {
        this.context = context;
        this.handler = handler;
        this.outcome = outcome;
    }

    void add(Received received) {
        queue.add(received);
        pending++;
        pump();
    }

    /** Forgets the events not handed to the handler yet: their connection is gone, a new one sends them again. */
    void dropQueued() {
        pending -= queue.size();
        queue.clear();
    }

    /** Completes once the handler is not working on an event (at once if it is not). */
    Future<Void> idle() {
        if (!busy) {
            return Future.succeededFuture();
        }
        Promise<Void> idle = Promise.promise();
        idleWaiters.add(idle);
        return idle.future();
    }

    boolean quiet() {
        return !busy && queue.isEmpty();
    }

    /** Events received and not finished by the handler yet; safe from any thread. */
    int pending() {
        return pending;
    }

    private void pump() {
        // A loop, not recursion: handlers that complete at once would otherwise deepen the stack per event.
        while (!busy && !queue.isEmpty()) {
            Received next = queue.poll();
            busy = true;
            Future<?> handled = invoke(next.event());
            if (handled.isComplete()) {
                finished(next, handled);
            } else {
                handled.onComplete(result -> context.runOnContext(v -> {
                    finished(next, handled);
                    pump();
                }));
            }
        }
    }

    private Future<?> invoke(SubscriberEvent event) {
        try {
            Future<?> handled = handler.apply(event);
            return handled == null ? Future.succeededFuture() : handled;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            // Failed assertions and other errors too: a handler that throws must not leave delivery stuck.
            return Future.failedFuture(e);
        }
    }

    private void finished(Received received, Future<?> handled) {
        busy = false;
        pending--;
        outcome.accept(received, handled.failed() ? handled.cause() : null);
        if (!busy) {
            List<Promise<Void>> waiters = new ArrayList<>(idleWaiters);
            idleWaiters.clear();
            waiters.forEach(Promise::tryComplete);
        }
    }
}
