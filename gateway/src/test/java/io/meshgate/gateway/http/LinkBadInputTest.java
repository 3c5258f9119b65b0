package io.meshgate.gateway.http;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a peer that speaks the link protocol wrongly gets from an origin gateway: an error message with a stable
 * code and a reason, then a protocol-error close for link-level mistakes, or a stream-scoped error on a link that
 * stays up. The gateway stays healthy throughout. Needs no broker: eu-west's address has none, so the one request
 * that reaches Kafka fails as it would while the origin's cluster is down.
 */
class LinkBadInputTest {

    static Vertx vertx;
    static MeshGateway gateway;
    static WebSocketClient client;
    /** Held for the whole class: Vert.x closes a client nobody references any more, even mid-request. */
    static io.vertx.core.http.HttpClient http;

    @BeforeAll
    static void startOriginGateway() throws Exception {
        int port = FreePorts.pick();
        MeshConfig mesh = MeshConfigLoader.parse("""
                regions:
                  eu-west:
                    bootstrap-servers: "127.0.0.1:%d"
                    gateway: "http://127.0.0.1:%d"
                    # No broker listens there: a request that does reach Kafka fails in a second, not a minute.
                    kafka-properties: {default.api.timeout.ms: "1500", request.timeout.ms: "1000"}
                  us-east: {bootstrap-servers: "127.0.0.1:1", gateway: "http://127.0.0.1:2"}
                  ap-south: {bootstrap-servers: "127.0.0.1:3", gateway: "http://127.0.0.1:3"}
                streams:
                  orders: {origins: [eu-west], replicate-to: [us-east]}
                  clicks: {origins: [us-east]}
                """.formatted(FreePorts.pick(), port), "link-test.yaml");
        vertx = Vertx.vertx();
        gateway = MeshGateway.start(vertx, GatewaySettings.forRegion(mesh, "eu-west", "eu-west-1"))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        client = vertx.createWebSocketClient();
        http = vertx.createHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        // Not composed onto stop(): a continuation on a context of the closing Vert.x instance may never run.
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void wrongProtocolVersionIsRefusedWithAReason() throws Exception {
        Peer peer = connect();
        peer.send(new JsonObject().put("type", "hello").put("protocol", 99).put("region", "us-east"));
        JsonObject error = peer.awaitMessage("error");
        assertEquals("link.protocol.unsupported", error.getString("code"));
        assertTrue(error.getString("message").contains("protocol 99"), error.encode());
        peer.awaitClosedWith((short) 1002);
        assertGatewayHealthy();
    }

    @Test
    void unknownPeerRegionIsRefused() throws Exception {
        Peer peer = connect();
        peer.send(new JsonObject().put("type", "hello").put("protocol", 1).put("region", "mars-1"));
        assertEquals("link.peer.unknown", peer.awaitMessage("error").getString("code"));
        peer.awaitClosedWith((short) 1002);
    }

    @Test
    void malformedJsonClosesTheLinkWithAProtocolError() throws Exception {
        Peer peer = connect();
        peer.socket.writeTextMessage("{not json");
        JsonObject error = peer.awaitMessage("error");
        assertEquals("link.message.invalid", error.getString("code"));
        peer.awaitClosedWith((short) 1002);
        assertGatewayHealthy();
    }

    @Test
    void anythingBeforeHelloIsRefused() throws Exception {
        Peer peer = connect();
        peer.send(new JsonObject().put("type", "describe").put("stream", "orders"));
        assertEquals("link.handshake.missing", peer.awaitMessage("error").getString("code"));
        peer.awaitClosedWith((short) 1002);
    }

    @Test
    void binaryFramesFromAReceiverAreRefused() throws Exception {
        Peer peer = helloAs("us-east");
        peer.socket.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
        assertEquals("link.message.unexpected-binary", peer.awaitMessage("error").getString("code"));
        peer.awaitClosedWith((short) 1002);
    }

    @Test
    void streamErrorsAreScopedToTheStreamAndKeepTheLinkUp() throws Exception {
        Peer peer = helloAs("us-east");
        peer.send(new JsonObject().put("type", "describe").put("stream", "ordres"));
        JsonObject unknown = peer.awaitMessage("error");
        assertEquals("link.stream.unknown", unknown.getString("code"));
        assertEquals("ordres", unknown.getString("stream"));

        peer.send(new JsonObject().put("type", "describe").put("stream", "clicks"));
        assertEquals("link.stream.not-origin", peer.awaitMessage("error").getString("code"));

        Peer other = helloAs("ap-south");
        other.send(new JsonObject().put("type", "subscribe").put("stream", "orders").put("subscription", 1)
                .put("positions", new JsonObject()));
        assertEquals("link.stream.not-replicated", other.awaitMessage("error").getString("code"));
        assertTrue(!peer.socket.isClosed() && !other.socket.isClosed(), "stream errors must not close the link");
    }

    @Test
    void aSubscriptionWhoseTopicCannotBeDescribedGetsOneErrorNotTwo() throws Exception {
        Peer peer = helloAs("us-east");
        peer.send(new JsonObject().put("type", "subscribe").put("stream", "orders").put("subscription", 1)
                .put("positions", new JsonObject()));
        JsonObject unavailable = peer.awaitMessage("error");
        assertEquals("link.stream.topic-unavailable", unavailable.getString("code"));
        assertEquals("orders", unavailable.getString("stream"));
        assertTrue(unavailable.getString("message").contains("cannot describe topic 'orders'"), unavailable.encode());

        // The origin answers on one link in order, so a second error for the same failure would come before this one.
        peer.send(new JsonObject().put("type", "describe").put("stream", "ordres"));
        JsonObject next = peer.awaitMessage("error");
        assertEquals("link.stream.unknown", next.getString("code"), "one failure, one error: " + next.encode());
        assertTrue(!peer.socket.isClosed(), "a stream error must not close the link");
    }

    @Test
    void subscribeWithBadPositionsIsAProtocolError() throws Exception {
        Peer peer = helloAs("us-east");
        peer.send(new JsonObject().put("type", "subscribe").put("stream", "orders").put("subscription", 1)
                .put("positions", new JsonObject().put("zero", 5)));
        JsonObject error = peer.awaitMessage("error");
        assertEquals("link.message.invalid", error.getString("code"));
        assertTrue(error.getString("message").contains("'zero'"), error.encode());
    }

    private static void assertGatewayHealthy() throws Exception {
        int status = http.request(io.vertx.core.http.HttpMethod.GET, gateway.port(), "127.0.0.1", "/health/live")
                .compose(request -> request.send()).map(response -> response.statusCode())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(200, status);
    }

    private static Peer helloAs(String region) throws Exception {
        Peer peer = connect();
        peer.send(new JsonObject().put("type", "hello").put("protocol", 1).put("region", region));
        assertEquals("eu-west", peer.awaitMessage("welcome").getString("region"));
        return peer;
    }

    private static Peer connect() throws Exception {
        WebSocket socket = client.connect(gateway.port(), "127.0.0.1", "/v1/link")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new Peer(socket);
    }

    /** A hand-driven peer: records every text message and the close code it gets. */
    static final class Peer {
        final WebSocket socket;
        final List<JsonObject> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Short> closed = new CompletableFuture<>();

        Peer(WebSocket socket) {
            this.socket = socket;
            socket.textMessageHandler(text -> received.add(new JsonObject(text)));
            socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
        }

        void send(JsonObject message) {
            socket.writeTextMessage(message.encode());
        }

        /** Takes the oldest not yet taken message of this type, waiting for one to arrive. */
        JsonObject awaitMessage(String type) {
            JsonObject message = await().atMost(java.time.Duration.ofSeconds(10)).until(
                    () -> received.stream().filter(m -> type.equals(m.getString("type"))).findFirst().orElse(null),
                    java.util.Objects::nonNull);
            received.remove(message);
            return message;
        }

        void awaitClosedWith(short code) throws Exception {
            assertEquals(code, closed.get(10, TimeUnit.SECONDS));
        }
    }
}
