package io.meshgate.chaos.scenarios;

import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A destination port for tests: a real WebSocket subscription that collects events, the first error frame and the close code. */
record Subscriber(WebSocket socket, List<JsonObject> events, List<JsonObject> others, CompletableFuture<JsonObject> subscribed,
                  CompletableFuture<JsonObject> error, CompletableFuture<Short> closed) {

    static Subscriber open(WebSocketClient client, int port, String query) throws Exception {
        return open(client, port, "orders", query);
    }

    static Subscriber open(WebSocketClient client, int port, String stream, String query) throws Exception {
        // Handlers before connecting: a refused subscription's error frame may arrive with the handshake.
        ClientWebSocket socket = client.webSocket();
        // Events in a synchronized list, not a copy-on-write one: tests collect up to ~50,000, and copying the whole
        // array on every add would cost this JVM quadratic CPU that the gateways and brokers under test need.
        Subscriber subscriber = new Subscriber(socket, Collections.synchronizedList(new ArrayList<>()),
                new CopyOnWriteArrayList<>(), new CompletableFuture<>(),
                new CompletableFuture<>(), new CompletableFuture<>());
        socket.textMessageHandler(text -> {
            JsonObject frame = new JsonObject(text);
            switch (frame.getString("type")) {
                case "event" -> subscriber.events.add(frame);
                case "subscribed" -> subscriber.subscribed().complete(frame);
                case "error" -> subscriber.error().complete(frame);
                default -> subscriber.others().add(frame);
            }
        });
        socket.closeHandler(v -> subscriber.closed().complete(socket.closeStatusCode()));
        try {
            socket.connect(port, "127.0.0.1", "/v1/streams/" + stream + "/subscribe?" + query)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // A refusal sent right after the upgrade can overtake the Vert.x client's own completion of the
            // handshake; tests that expect a refusal read the error frame and close code collected above.
            try {
                CompletableFuture.anyOf(subscriber.error(), subscriber.closed()).get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException notARefusal) {
                throw e;
            }
        }
        return subscriber;
    }

    /** The events received so far, in arrival order: a snapshot, since the socket's event loop keeps adding to them. */
    @Override
    public List<JsonObject> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Frames of one type other than events (heartbeat, gap), in arrival order. */
    List<JsonObject> frames(String type) {
        return others.stream().filter(frame -> type.equals(frame.getString("type"))).toList();
    }

    /** The cursor of the last event received. */
    String lastCursor() {
        List<JsonObject> received = events();
        return received.get(received.size() - 1).getString("cursor");
    }
}
