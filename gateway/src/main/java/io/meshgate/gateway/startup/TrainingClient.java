package io.meshgate.gateway.startup;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a destination port and an operator do to a gateway, done once each during the training: a WebSocket
 * subscription from the start of history, and the status, catalog, view and metrics endpoints.
 */
final class TrainingClient {

    private final HttpClient http;
    private final WebSocketClient webSockets;
    private final AtomicInteger answered = new AtomicInteger();

    TrainingClient(Vertx vertx) {
        this.http = vertx.createHttpClient();
        this.webSockets = vertx.createWebSocketClient();
    }

    /** Subscribes to the stream at the gateway on {@code port} from earliest; completes after {@code events} events. */
    Future<Long> receive(int port, String stream, long events) {
        Promise<Long> done = Promise.promise();
        AtomicLong received = new AtomicLong();
        String uri = "/v1/streams/" + stream + "/subscribe?from=earliest&credit=" + events;
        webSockets.connect(port, "127.0.0.1", uri).onFailure(done::tryFail).onSuccess(socket -> {
            socket.textMessageHandler(text -> {
                JsonObject frame;
                try {
                    frame = new JsonObject(text);
                } catch (DecodeException e) {
                    done.tryFail("the gateway sent a frame that is not JSON: " + text);
                    socket.close();
                    return;
                }
                switch (frame.getString("type", "")) {
                    case "event" -> {
                        if (received.incrementAndGet() == events) {
                            done.tryComplete(events);
                            socket.close();
                        }
                    }
                    case "error" -> done.tryFail("the subscription failed: " + frame.encode());
                    default -> { }  // subscribed, heartbeat
                }
            });
            socket.closeHandler(closed -> done.tryFail("the subscription closed after " + received.get() + " of "
                    + events + " events (close code " + socket.closeStatusCode() + ")"));
        });
        return done.future();
    }

    /** GETs each path at the gateway on {@code port}; fails naming the first answer outside {@code accepted}. */
    Future<Void> get(int port, List<String> paths, Set<Integer> accepted) {
        Future<Void> chain = Future.succeededFuture();
        for (String path : paths) {
            chain = chain.compose(previous -> status(port, path).compose(status -> {
                if (!accepted.contains(status)) {
                    return Future.failedFuture("GET " + path + " at port " + port + " answered " + status);
                }
                answered.incrementAndGet();
                return Future.succeededFuture();
            }));
        }
        return chain;
    }

    /** Requests answered as expected so far. */
    int answered() {
        return answered.get();
    }

    private Future<Integer> status(int port, String path) {
        return http.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode()));
    }

    Future<Void> close() {
        return Future.join(http.close(), webSockets.close()).mapEmpty();
    }
}
