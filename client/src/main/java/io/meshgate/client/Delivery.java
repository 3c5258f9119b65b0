package io.meshgate.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Hands what a connection received to the application one item at a time, in the order it arrived: events to the
 * event handler, gaps to the gap handler. The next item goes out only once the previous one's future has completed,
 * so a gap between two events is seen after the first was finished and before the second, however slowly an async
 * handler finishes. Reports each outcome. Confined to the subscriber's context; a handler's future may complete on
 * any thread, its outcome is brought back to the context.
 */
final class Delivery {

    /** Something received, in sequence with the rest. */
    sealed interface Item permits Received, Gapped {
    }

    /** An event with the connection and credit window it came from, so its credit goes back to the right place. */
    record Received(SubscriberEvent event, Connection connection, CreditWindow window) implements Item {
    }

    /** A gap the gateway reported between the events around it; it costs no credit. */
    record Gapped(SubscriberGap gap, Connection connection) implements Item {
    }

    private final Context context;
    private final Function<SubscriberEvent, Future<?>> handler;
    private final Consumer<Gapped> gapHandler;
    private final BiConsumer<Item, Throwable> outcome;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final List<Promise<Void>> idleWaiters = new ArrayList<>();
    private boolean busy;
    private volatile int pending;

    /** {@code outcome} gets each item after its handler: with null on success, else the failure. */
    Delivery(Context context, Function<SubscriberEvent, Future<?>> handler, Consumer<Gapped> gapHandler,
             BiConsumer<Item, Throwable> outcome) {
        this.context = context;
        this.handler = handler;
        this.gapHandler = gapHandler;
        this.outcome = outcome;
    }

    void add(Item item) {
        queue.add(item);
        if (item instanceof Received) {
            pending++;
        }
        pump();
    }

    /**
     * Forgets the items not handed over yet: their connection is gone, and a new one, resuming from the last finished
     * event, sends them again (the gaps too, where the records are still missing).
     */
    void dropQueued() {
        pending -= (int) queue.stream().filter(Received.class::isInstance).count();
        queue.clear();
    }

    /** Completes once no handler is working on an item (at once if none is). */
    Future<Void> idle() {
        if (!busy) {
            return Future.succeededFuture();
        }
        Promise<Void> idle = Promise.promise();
        idleWaiters.add(idle);
        return idle.future();
    }

    /** Events (not gaps) received and not finished by the handler yet; safe from any thread. */
    int pending() {
        return pending;
    }

    private void pump() {
        // A loop, not recursion: handlers that complete at once would otherwise deepen the stack per event.
        while (!busy && !queue.isEmpty()) {
            Item next = queue.poll();
            busy = true;
            Future<?> handled = invoke(next);
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

    private Future<?> invoke(Item item) {
        try {
            if (item instanceof Gapped gapped) {
                gapHandler.accept(gapped);
                return Future.succeededFuture();
            }
            Future<?> handled = handler.apply(((Received) item).event());
            return handled == null ? Future.succeededFuture() : handled;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            // Failed assertions and other errors too: a handler that throws must not leave delivery stuck.
            return Future.failedFuture(e);
        }
    }

    private void finished(Item item, Future<?> handled) {
        busy = false;
        if (item instanceof Received) {
            pending--;
        }
        outcome.accept(item, handled.failed() ? handled.cause() : null);
        if (!busy) {
            List<Promise<Void>> waiters = new ArrayList<>(idleWaiters);
            idleWaiters.clear();
            waiters.forEach(Promise::tryComplete);
        }
    }
}
