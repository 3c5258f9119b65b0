package io.meshgate.client;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stand-in gateway for the client's protocol tests, no Kafka behind it: ready on {@code /health/ready}, and each
 * subscription handed to a script that writes frames. Records every subscription's {@code from} and every message
 * the client sends. Tests about streams and regions run real gateways instead (see {@link MeshSubscriberIT}).
 */
final class ScriptedGateway implements AutoCloseable {

    final List<String> froms = new CopyOnWriteArrayList<>();
    final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    ScriptedGateway(Vertx vertx, Consumer<ServerWebSocket> script) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/health/ready")) {
                request.response().end("{}");
            } else if (request.path().equals("/v1/streams/orders/subscribe")) {
                froms.add(request.getParam("from"));
                request.toWebSocket().onSuccess(socket -> {
                    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
                    script.accept(socket);
                });
            } else {
                request.response().setStatusCode(404).end();
            }
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    static String subscribed(String cursor) {
        return new JsonObject().put("type", "subscribed").put("stream", "orders").put("cursor", cursor).encode();
    }

    static String event(int offset) {
        return new JsonObject().put("type", "event").put("stream", "orders").put("origin", "eu-west").put("partition", 0)
                .put("offset", offset).put("timestamp", 1L).put("key", "k").put("value", new JsonObject().put("n", offset))
                .put("headers", new JsonObject()).put("cursor", "c1.E" + offset).encode();
    }

    /** A gap of origin offsets {@code from} (inclusive) to {@code to} of partition 0, as the gateway reports it. */
    static String gap(long from, long to) {
        return new JsonObject().put("type", "gap").put("stream", "orders").put("origin", "eu-west").put("partition", 0)
                .put("fromOffset", from).put("toOffset", to).put("records", to - from)
                .put("reason", "retention in this region removed these records before they were read")
                .put("cursor", "c1.G" + to).encode();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
