package io.meshgate.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
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
 * should return a future and do its work elsewhere. {@link #cursor()}, {@link #pending()}, {@link #close()} and
 * {@link #done()} may be used from any thread.
 */
public final class MeshSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(MeshSubscriber.class);
    // The gateway sends one event per WebSocket frame (up to 1 MiB); large values may span several frames.
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final int MAX_MESSAGE_BYTES = 16 << 20;

    private final SubscriberOptions options;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Context context;
    private final SubscriberCallbacks callbacks;
    private final WebSocketClient sockets;
    private final HttpClient http;
    private final HealthProbe probe;
    private final ConnectionAttempts attempts;
    private final Delivery delivery;
    private final CurrentConnection current;
    private final Promise<Void> done = Promise.promise();
    private final Promise<Void> released = Promise.promise();

    // Confined to the context.
    private boolean stopping;
    private long retryTimer = -1;

    private MeshSubscriber(Builder builder) {
        this.options = builder.options;
        this.ownsVertx = builder.vertx == null;
        this.vertx = ownsVertx ? Vertx.vertx() : builder.vertx;
        this.context = vertx.getOrCreateContext();
        this.callbacks = new SubscriberCallbacks(builder.onState, builder.onError, builder.onGap);
        this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(MAX_FRAME_BYTES).setMaxMessageSize(MAX_MESSAGE_BYTES));
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        this.probe = new HealthProbe(http, options.healthProbeTimeout());
        this.attempts = new ConnectionAttempts(options);
        this.delivery = new Delivery(context, builder.onEvent, callbacks::gap, this::consumed);
        this.current = new CurrentConnection(options, delivery, callbacks);
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
        return current.cursor();
    }

    /** Events received and not yet finished by the handler; never more than the credit window. */
    public int pending() {
        return delivery.pending();
    }

    /** Per origin region, records the connected gateway holds beyond this subscriber, as of its last heartbeat. */
    public Map<String, Long> recordsBehind() {
        return current.recordsBehind();
    }

    /** Completes when the subscriber is closed; fails with a {@link SubscriberException} when it stopped on its own. */
    public Future<Void> done() {
        return done.future();
    }

    /**
     * Stops: closes the connection, waits for the handler to finish the event it is working on (so {@link #cursor()}
     * is final), then releases the clients and, if the subscriber created it, the Vert.x instance.
     */
    public Future<Void> close() {
        if (released.future().isComplete()) {
            return released.future();
        }
        context.runOnContext(v -> stop(null));
        return released.future();
    }

    private void start() {
        context.runOnContext(v -> connect());
    }

    private void connect() {
        if (stopping) {
            return;
        }
        probe.probeAll(options.gateways()).onComplete(probed -> {
            if (stopping) {
                return;
            }
            URI gateway = attempts.gateway(probed.result());
            String cursor = current.cursor();
            String from = cursor != null ? cursor : options.from();
            callbacks.state(SubscriberState.CONNECTING, gateway, null, Duration.ZERO);
            ClientEvents.info(LOG, "client.connecting", "stream", options.stream(), "gateway", gateway, "from", from);
            Connection connection = Connection.to(vertx, options, gateway, current);
            int credit = current.use(connection);
            connection.ended().onSuccess(ended -> {
                if (current.is(connection)) {
                    current.clear();
                    disconnected(ended);
                }
            });
            try {
                connection.open(sockets, options, from, credit);
            } catch (RuntimeException e) {
                // The application's token supplier failed; it may work next time.
                connection.close("cannot open: " + e);
            }
        });
    }

    private void disconnected(Connection.Ended ended) {
        delivery.dropQueued();
        if (stopping) {
            return;
        }
        if (ended.refused()) {
            String code = ended.error() != null ? ended.error().code() : "subscribe.refused";
            stop(new SubscriberException(code, ended.closeCode(), "gateway " + ended.gateway() + " refused the subscription"
                    + " to stream '" + options.stream() + "' with close code " + ended.closeCode() + ": "
                    + (ended.error() != null ? ended.error().message() : ended.cause()), null));
            return;
        }
        Duration delay = attempts.ended(ended.alive());
        ClientEvents.warn(LOG, "client.disconnected", "stream", options.stream(), "gateway", ended.gateway(),
                "cause", ended.cause(), "failedAttempts", attempts.failed(), "retryInMs", delay.toMillis());
        callbacks.state(SubscriberState.RECONNECTING, ended.gateway(), ended.cause(), delay);
        // Resume only once the handler is done with its event: the cursor to resume from is that event's.
        delivery.idle().onComplete(idle -> {
            if (!stopping) {
                retryTimer = vertx.setTimer(delay.toMillis(), id -> connect());
            }
        });
    }

    private void consumed(Delivery.Item item, Throwable failure) {
        if (failure != null) {
            String where = item instanceof Delivery.Received received
                    ? "the event handler failed on " + received.event() + ": " + failure
                            + "; the subscriber stopped, cursor() resumes at this event"
                    : "the gap handler failed on " + ((Delivery.Gapped) item).gap() + ": " + failure
                            + "; the subscriber stopped, cursor() resumes before this gap";
            stop(new SubscriberException("client.handler.failed", -1, where, failure));
            return;
        }
        if (item instanceof Delivery.Received received) {
            current.finished(received);
        }
        // A gap moves neither the cursor nor the credit.
    }

    /** Stops for good: {@code failure} null when the application closed it. */
    private void stop(SubscriberException failure) {
        if (stopping) {
            return;
        }
        stopping = true;
        vertx.cancelTimer(retryTimer);
        Connection connection = current.connection();
        URI gateway = connection == null ? null : connection.gateway();
        if (connection != null) {
            connection.close(failure == null ? "closed by the application" : "stopping: " + failure.code());
            current.clear();
        }
        delivery.dropQueued();
        String reason = failure == null ? "closed by the application" : failure.getMessage();
        if (failure == null) {
            ClientEvents.info(LOG, "client.closed", "stream", options.stream(), "cursor", current.cursor());
        } else {
            ClientEvents.warn(LOG, "client.stopped", "stream", options.stream(), "code", failure.code(),
                    "closeCode", failure.closeCode(), "cause", failure.getMessage());
        }
        delivery.idle().compose(idle -> release()).onComplete(ignored -> {
            callbacks.state(SubscriberState.CLOSED, gateway, reason, Duration.ZERO);
            if (failure == null) {
                done.tryComplete();
            } else {
                callbacks.error(failure);
                done.tryFail(failure);
            }
            released.tryComplete();
        });
    }

    private Future<Void> release() {
        Future<Void> clients = Future.join(sockets.close(), http.close()).mapEmpty();
        return ownsVertx ? clients.eventually(() -> vertx.close()) : clients;
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
            subscriber.start();
            return subscriber;
        }
    }
}
