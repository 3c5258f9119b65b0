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
import java.util.function.Function;

/**
 * Keeps a subscription connected: connects to the gateway {@link ConnectionAttempts} picks from fresh health probes,
 * and whenever the connection ends, waits its backoff and connects again from the cursor; until a refusal that
 * retrying cannot fix, a failing handler or {@link #close()} stops it for good. Stopping waits for the handler to
 * finish its event (so the cursor is final), then releases the clients and, if it created it, the Vert.x instance.
 *
 * <p>Everything runs on one Vert.x context; nothing blocks. {@link #cursor()}, {@link #pending()},
 * {@link #recordsBehind()}, {@link #done()} and {@link #close()} may be called from any thread.
 */
final class ConnectionSupervisor {

    // The client's events all go to one logger, the one applications configure (and tests capture) by name.
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

    /** {@code ownsVertx}: the supervisor created {@code vertx} and closes it when it stops. */
    ConnectionSupervisor(SubscriberOptions options, Vertx vertx, boolean ownsVertx,
                         Function<SubscriberEvent, Future<?>> onEvent, SubscriberCallbacks callbacks) {
        this.options = options;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.context = vertx.getOrCreateContext();
        this.callbacks = callbacks;
        this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(MAX_FRAME_BYTES).setMaxMessageSize(MAX_MESSAGE_BYTES));
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        this.probe = new HealthProbe(http, options.healthProbeTimeout());
        this.attempts = new ConnectionAttempts(options);
        this.delivery = new Delivery(context, onEvent, callbacks::gap, this::consumed);
        this.current = new CurrentConnection(options, delivery, callbacks);
    }

    void start() {
        context.runOnContext(v -> connect());
    }

    /** See {@link MeshSubscriber#close()}. */
    Future<Void> close() {
        if (released.future().isComplete()) {
            return released.future();
        }
        context.runOnContext(v -> stop(null));
        return released.future();
    }

    String cursor() {
        return current.cursor();
    }

    int pending() {
        return delivery.pending();
    }

    Map<String, Long> recordsBehind() {
        return current.recordsBehind();
    }

    Future<Void> done() {
        return done.future();
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
}
