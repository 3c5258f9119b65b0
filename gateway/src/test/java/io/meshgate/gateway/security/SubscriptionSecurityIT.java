package io.meshgate.gateway.security;

import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With a {@code security} section, subscriptions need a valid JWT, and only readers the config names may read a
 * stream: no token, a token signed by someone else, and a reader without the right role are each refused with
 * their own error code and close code; the right role gets its subscription.
 */
class SubscriptionSecurityIT {

    @TempDir
    static Path dataDir;
    static LocalKafkaBroker kafka;
    static Vertx vertx;
    static MeshGateway gateway;
    static JWTAuth issuer;
    static JWTAuth stranger;
    static io.vertx.core.http.WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        kafka = LocalKafkaBroker.start(LocalKafkaBroker.Settings.of(dataDir.resolve("kafka")).withName("eu-west"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 1, (short) 1)));
        }
        KeyPair keys = rsa();
        Path publicKey = dataDir.resolve("jwt.pem");
        Files.writeString(publicKey, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        vertx = Vertx.vertx();
        client = vertx.createWebSocketClient();
        issuer = signer(keys);
        stranger = signer(rsa());
        var mesh = MeshConfigLoader.parse("""
                regions:
                  eu-west: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                streams:
                  orders: {origins: [eu-west]}
                security:
                  jwt: {public-key-file: "%s", issuer: "test-idp"}
                  readers:
                    orders: [role:analytics]
                """.formatted(kafka.bootstrapServers(), FreePorts.pick(), publicKey), "secured.yaml");
        gateway = MeshGateway.start(vertx, GatewaySettings.forRegion(mesh, "eu-west", "eu-west-1"))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        kafka.close();
    }

    @Test
    void noTokenIsRefused() throws Exception {
        assertOutcome(null, "auth.missing", 4401);
    }

    @Test
    void aTokenSignedBySomeoneElseIsRefused() throws Exception {
        assertOutcome(token(stranger, "mallory", "analytics"), "auth.invalid", 4401);
    }

    @Test
    void aReaderWithoutTheRoleIsDenied() throws Exception {
        assertOutcome(token(issuer, "bob", "sales"), "auth.denied", 4403);
    }

    @Test
    void aReaderWithTheRoleSubscribes() throws Exception {
        assertOutcome(token(issuer, "alice", "analytics"), "subscribed", -1);
    }

    @Test
    void theCatalogShowsOnlyWhatAClientMayRead() throws Exception {
        assertEquals(401, catalog(null).statusCode());
        assertEquals(0, new JsonObject(catalog(token(issuer, "bob", "sales")).body()).getJsonArray("streams").size());
        JsonObject allowed = new JsonObject(catalog(token(issuer, "alice", "analytics")).body());
        assertEquals("orders", allowed.getJsonArray("streams").getJsonObject(0).getString("stream"));
    }

    private static java.net.http.HttpResponse<String> catalog(String token) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + gateway.port() + "/v1/streams"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static void assertOutcome(String token, String expected, int closeCode) throws Exception {
        // A refusal sent right after the upgrade can overtake the Vert.x client's own end of the handshake: the
        // connect then fails, and on a loaded machine the frames behind it can be lost with it. A client connects
        // again (MeshSubscriber does, with backoff), and so does this test: what it asserts is the gateway's
        // answer on the first connection that received one.
        for (int attempt = 1; ; attempt++) {
            if (attemptOutcome(token, expected, closeCode)) {
                return;
            }
            if (attempt == 3) {
                throw new AssertionError("three connections in a row failed their handshake and received no frame");
            }
        }
    }

    /** One connection: false when its handshake failed and no frame came, true once the answer was asserted. */
    private static boolean attemptOutcome(String token, String expected, int closeCode) throws Exception {
        CompletableFuture<JsonObject> first = new CompletableFuture<>();
        CompletableFuture<Short> closed = new CompletableFuture<>();
        ClientWebSocket socket = client.webSocket();
        socket.textMessageHandler(text -> first.complete(new JsonObject(text)));
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gateway.port())
                .setURI("/v1/streams/orders/subscribe?from=latest");
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        JsonObject frame;
        try {
            socket.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            frame = first.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (closeCode < 0) {
                throw e;  // nothing refuses this one: a failed handshake is a failure
            }
            try {
                frame = first.get(5, TimeUnit.SECONDS);  // frames received before the failure still count
            } catch (java.util.concurrent.TimeoutException lost) {
                return false;
            }
        }
        if (closeCode < 0) {
            assertEquals(expected, frame.getString("type"), frame.encode());
            socket.close();
        } else {
            assertEquals(expected, frame.getString("code"), frame.encode());
            assertEquals((short) closeCode, closed.get(10, TimeUnit.SECONDS));
        }
        return true;
    }

    private static String token(JWTAuth signer, String subject, String role) {
        return signer.generateToken(new JsonObject().put("sub", subject).put("roles", List.of(role)),
                new JWTOptions().setAlgorithm("RS256").setIssuer("test-idp").setExpiresInMinutes(5));
    }

    private static JWTAuth signer(KeyPair keys) {
        return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256")
                .setBuffer(pem("PRIVATE KEY", keys.getPrivate().getEncoded()))));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
