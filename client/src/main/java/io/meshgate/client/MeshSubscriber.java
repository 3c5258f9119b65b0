package io.meshgate.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A push subscription to one meshgate stream that survives gateways going away. It connects to the nearest ready
 * gateway, hands events to the application one at a time, grants the gateway credit as the handler finishes them
 * (never more than the credit window outstanding), and when the connection ends, for whatever reason, reconnects
 * with jittered exponential backoff (to another gateway if needed) from the cursor right after the last event the
 * handler finished: nothing skipped, nothing repeated. Refusals that retrying cannot fix (4400 bad request, 4401,
 * 4403, 4404 unknown stream) stop it and are reported; so does a failing handler.
 *
 * <p>Records that retention removed before the gateway could read them are reported as a {@link SubscriberGap},
 * to {@link Builder#onGap} and always as a {@code client.gap} warning, in order with the events around it. A gap
 * does not move {@link #cursor()}: only a finished event does, so records another region still holds are not
 * given up by a gap one region reported.
 *
 * <p>Everything runs on one Vert.x context; nothing blocks. Handlers are called on that context: a slow handler
 * should return a future and do its work elsewhere. {@link #cursor()}, {@link #pending()}, {@link #recordsBehind()},
 * {@link #close()} and {@link #done()} may be used from any thread.
 */
public final class MeshSubscriber {

    private final SubscriberOptions options;
    private final ConnectionSupervisor supervisor;

    private MeshSubscriber(Builder builder) {
        this.options = builder.options;
        boolean ownsVertx = builder.vertx == null;
        this.supervisor = new ConnectionSupervisor(options, ownsVertx ? Vertx.vertx() : builder.vertx, ownsVertx,
                builder.onEvent, new SubscriberCallbacks(builder.onState, builder.onError, builder.onGap));
    }

    /** Starts building a subscriber with these options. */
    public static Builder builder(SubscriberOptions options) {
        return new Builder(Objects.requireNonNull(options, "options"));
    }

    public SubscriberOptions options() {
        return options;
    }

    /**
     * Where this subscriber resumes: the cursor right after the last event its handler finished, or, before any,
     * the position its subscription started at. Null until a gateway has confirmed a subscription. Save it to resume
     * in another process ({@link SubscriberOptions#from()}). A {@link SubscriberGap} does not move it: resuming
     * from here before the next event meets that gap again (or gets its records, where a region still holds them).
     */
    public String cursor() {
        return supervisor.cursor();
    }

    /** Events received and not yet finished by the handler; never more than the credit window. */
    public int pending() {
        return supervisor.pending();
    }

    /** Per origin region, records the connected gateway holds beyond this subscriber, as of its last heartbeat. */
    public Map<String, Long> recordsBehind() {
        return supervisor.recordsBehind();
    }

    /** Completes when the subscriber is closed; fails with a {@link SubscriberException} when it stopped on its own. */
    public Future<Void> done() {
        return supervisor.done();
    }

    /**
     * Stops: closes the connection, waits for the handler to finish the event it is working on (so {@link #cursor()}
     * is final), then releases the clients and, if the subscriber created it, the Vert.x instance.
     */
    public Future<Void> close() {
        return supervisor.close();
    }

    /** Builds and starts a {@link MeshSubscriber}. */
    public static final class Builder {
        private final SubscriberOptions options;
        private Vertx vertx;
        private Function<SubscriberEvent, Future<?>> onEvent;
        private Consumer<StateChange> onState = change -> { };
        private Consumer<SubscriberException> onError = error -> { };
        private Consumer<SubscriberGap> onGap;

        private Builder(SubscriberOptions options) {
            this.options = options;
        }

        /** Runs on this Vert.x instance; without one the subscriber creates its own and closes it on close. */
        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        /** Handles each event; the event counts as finished when the handler returns. */
        public Builder onEvent(Consumer<SubscriberEvent> handler) {
            Objects.requireNonNull(handler, "handler");
            this.onEvent = event -> {
                handler.accept(event);
                return Future.succeededFuture();
            };
            return this;
        }

        /** Handles each event; the event counts as finished when the returned future succeeds. */
        public Builder onEventAsync(Function<SubscriberEvent, Future<?>> handler) {
            this.onEvent = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Told of each gap (records retention removed before they could be delivered), on the subscriber's context
         * and in order with the events: after every event before the gap has finished, before any after it is
         * handed over. Without it, gaps are only logged ({@code client.gap}, which is logged in any case). A
         * listener that throws stops the subscriber like a failing event handler; {@link MeshSubscriber#cursor()}
         * then still stands before the gap.
         */
        public Builder onGap(Consumer<SubscriberGap> listener) {
            this.onGap = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Told of every state change, on the subscriber's context. */
        public Builder onState(Consumer<StateChange> listener) {
            this.onState = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Told why the subscriber stopped on its own (also the failure of {@link MeshSubscriber#done()}). */
        public Builder onError(Consumer<SubscriberException> listener) {
            this.onError = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public MeshSubscriber start() {
            if (onEvent == null) {
                throw new IllegalStateException("subscriber for stream '" + options.stream() + "': set onEvent or"
                        + " onEventAsync before start()");
            }
            MeshSubscriber subscriber = new MeshSubscriber(this);
            subscriber.supervisor.start();
            return subscriber;
        }
    }
}
