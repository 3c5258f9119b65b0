package io.meshgate.replication.replica;

import io.meshgate.config.LinkSettings;
import io.meshgate.config.RegionConfig;
import io.meshgate.replication.protocol.LinkAuthException;
import io.meshgate.replication.protocol.LinkCredentials;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dialing gateway signs every handshake with the mesh's link secret, and a refusal of its credentials is explained
 * in terms an operator can act on, not as a bare status. The origin here is a real WebSocket server checking the
 * credentials as a gateway does.
 */
class LinkDialerTest {

    private static final LinkCredentials MESH = LinkCredentials.sharedSecret(bytes("the secret this mesh's regions share"));

    private Vertx vertx;
    private HttpServer origin;
    private RegionConfig euWest;

    @BeforeEach
    void startOrigin() throws Exception {
        vertx = Vertx.vertx();
        origin = vertx.createHttpServer()
                .webSocketHandshakeHandler(handshake -> {
                    try {
                        MESH.verify(handshake.headers().get(HttpHeaders.AUTHORIZATION), Set.of("us-east"), Instant.now());
                        handshake.accept();
                    } catch (LinkAuthException e) {
                        handshake.reject(401);
                    }
                })
                .webSocketHandler(socket -> { })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        euWest = new RegionConfig("eu-west", "127.0.0.1:1", URI.create("http://127.0.0.1:" + origin.actualPort()), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aGatewayWithTheMeshSecretGetsItsLink() throws Exception {
        WebSocket link = dialer(MESH).dial().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(!link.isClosed());
    }

    @Test
    void refusedCredentialsAreExplained() {
        String why = refusal(dialer(LinkCredentials.sharedSecret(bytes("some other mesh's secret, not ours"))));
        assertTrue(why.startsWith("the peer refused this gateway's link credentials (HTTP 401): every region must run"
                + " with the same security.links secret"), why);
        assertTrue(why.contains("link.auth.refused"), why);
    }

    @Test
    void aGatewayWithoutTheSecretIsRefusedToo() {
        assertTrue(refusal(dialer(LinkCredentials.none())).contains("HTTP 401"));
    }

    private LinkDialer dialer(LinkCredentials credentials) {
        return new LinkDialer(vertx, "us-east", euWest, LinkSettings.defaults(), credentials);
    }

    private static String refusal(LinkDialer dialer) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> dialer.dial().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        return failed.getCause().getMessage();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
