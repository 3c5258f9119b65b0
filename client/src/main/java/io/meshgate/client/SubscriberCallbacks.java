package io.meshgate.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The application's listeners besides the event handler, called on the subscriber's context. A state or error
 * listener that throws is logged ({@code client.callback.failed}) and otherwise ignored: it only watches, and must
 * not break the subscriber's own bookkeeping. A gap listener is different: it is part of delivery, so its failure
 * propagates and stops the subscriber as a failing event handler does.
 */
final class SubscriberCallbacks {

    // The client's events all go to one logger, the one applications configure (and tests capture) by name.
    private static final Logger LOG = LoggerFactory.getLogger(MeshSubscriber.class);

    private final Consumer<StateChange> onState;
    private final Consumer<SubscriberException> onError;
    private final Consumer<SubscriberGap> onGap;

    /** {@code onGap} may be null: gaps are then only logged. */
    SubscriberCallbacks(Consumer<StateChange> onState, Consumer<SubscriberException> onError,
                        Consumer<SubscriberGap> onGap) {
        this.onState = onState;
        this.onError = onError;
        this.onGap = onGap;
    }

    void state(SubscriberState state, URI gateway, String reason, Duration retryIn) {
        callback(onState, new StateChange(state, gateway, reason, retryIn));
    }

    void error(SubscriberException failure) {
        callback(onError, failure);
    }

    /**
     * A gap's turn has come: every event before it is finished, none after it has started. Always logged as a
     * warning, with or without a listener, so that no gap goes unnoticed.
     */
    void gap(Delivery.Gapped gapped) {
        SubscriberGap gap = gapped.gap();
        ClientEvents.warn(LOG, "client.gap", "stream", gap.stream(), "gateway", gapped.connection().gateway(),
                "origin", gap.origin(), "partition", gap.partition(), "fromOffset", gap.fromOffset(),
                "toOffset", gap.toOffset(), "records", gap.records(), "reason", gap.reason());
        if (onGap != null) {
            onGap.accept(gap);  // a failure stops the subscriber, as an event handler's does
        }
    }

    private static <T> void callback(Consumer<T> callback, T value) {
        try {
            callback.accept(value);
        } catch (RuntimeException e) {
            ClientEvents.warn(LOG, "client.callback.failed", "callback", value.getClass().getSimpleName(), "cause", e);
        }
    }
}
