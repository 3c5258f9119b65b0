package io.meshgate.gateway.http;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.gateway.security.TestJwt;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.replication.protocol.LinkCredentials;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With security on, only gateways of the mesh open links: a handshake without credentials, or made with another
 * secret, is refused with 401 before any WebSocket exists; one made with the mesh's secret is welcomed, as the region
 * it proved and no other. Needs no broker: none of this reaches Kafka.
 */
class LinkAuthTest {

    private static final String SECRET = "the secret every region of this mesh shares";

    @TempDir
    static Path dataDir;
    static Vertx vertx;
    static MeshGateway gateway;
    static WebSocketClient client;
    static TestJwt issuer;

    @BeforeAll
    static void startOriginGateway() throws Exception {
        vertx = Vertx.vertx();
        Path publicKey = dataDir.resolve("jwt.pem");
        issuer = TestJwt.create(vertx, publicKey);
        Path secretFile = dataDir.resolve("link-secret");
        Files.writeString(secretFile, SECRET + "\n");  // as echo writes it: the line end is not part of the secret
        int port = FreePorts.pick();
        MeshConfig mesh = MeshConfigLoader.parse("""
                regions:
                  eu-west: {bootstrap-servers: "127.0.0.1:%d", gateway: "http://127.0.0.1:%d"}
                  us-east: {bootstrap-servers: "127.0.0.1:1", gateway: "http://127.0.0.1:2"}
                  ap-south: {bootstrap-servers: "127.0.0.1:3", gateway: "http://127.0.0.1:4"}
                streams:
                  orders: {origins: [eu-west], replicate-to: [us-east, ap-south]}
                security:
                  jwt: {public-key-file: "%s", issuer: "%s"}
                  links: {secret-file: "%s"}
                """.formatted(FreePorts.pick(), port, publicKey, TestJwt.ISSUER, secretFile), "link-auth.yaml");
        gateway = MeshGateway.start(vertx, GatewaySettings.forRegion(mesh, "eu-west", "eu-west-1"))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        client = vertx.createWebSocketClient();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aHandshakeWithoutCredentialsIsRefusedBeforeTheUpgrade() {
        assertEquals(401, refusedWith(null));
    }

    @Test
    void credentialsMadeWithAnotherSecretAreRefused() {
        LinkCredentials stranger = LinkCredentials.sharedSecret(bytes("a secret of some other mesh entirely"));
        assertEquals(401, refusedWith(stranger.authorization("us-east", Instant.now())));
    }

    @Test
    void staleCredentialsAreRefused() {
        assertEquals(401, refusedWith(mesh().authorization("us-east", Instant.now().minus(LinkCredentials.MAX_CLOCK_SKEW)
                .minusSeconds(60))));
    }

    @Test
    void aGatewayWithTheMeshSecretIsWelcomedAsTheRegionItProved() throws Exception {
        LinkBadInputTest.Peer peer = new LinkBadInputTest.Peer(connect(mesh().authorization("us-east", Instant.now())));
        peer.send(new JsonObject().put("type", "hello").put("protocol", 1).put("region", "us-east"));
        assertEquals("eu-west", peer.awaitMessage("welcome").getString("region"));
    }

    @Test
    void aGatewaySayingHelloAsAnotherRegionThanItProvedIsRefused() throws Exception {
        LinkBadInputTest.Peer peer = new LinkBadInputTest.Peer(connect(mesh().authorization("us-east", Instant.now())));
        peer.send(new JsonObject().put("type", "hello").put("protocol", 1).put("region", "ap-south"));
        JsonObject error = peer.awaitMessage("error");
        assertEquals("link.peer.mismatch", error.getString("code"));
        peer.awaitClosedWith((short) 1002);
    }

    @Test
    void theStatusSaysLinksAreAuthenticatedAndRefusalsLeaveTheGatewayHealthy() throws Exception {
        refusedWith(null);
        HttpResponse<String> mesh = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/v1/mesh"))
                .header("Authorization", "Bearer " + issuer.token("ops", "ops")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, mesh.statusCode(), mesh.body());
        assertEquals("shared-secret", new JsonObject(mesh.body()).getString("linkAuth"));
        assertEquals("jwt", new JsonObject(mesh.body()).getString("security"));
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("meshgate_link_auth_refused_total{code=\"link.auth.missing\"")),
                "refusals are counted by code");
    }

    private static LinkCredentials mesh() {
        return LinkCredentials.sharedSecret(bytes(SECRET));
    }

    private static Future<WebSocket> attempt(String authorization) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gateway.port())
                .setURI("/v1/link");
        if (authorization != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        return client.connect(options);
    }

    private static WebSocket connect(String authorization) throws Exception {
        return attempt(authorization).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int refusedWith(String authorization) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> attempt(authorization).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        return assertInstanceOf(UpgradeRejectedException.class, failed.getCause()).getStatus();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
