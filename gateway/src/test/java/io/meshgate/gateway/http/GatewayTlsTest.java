package io.meshgate.gateway.http;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.gateway.ServerTls;
import io.meshgate.gateway.TestCertificate;
import io.meshgate.localkafka.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway started with a certificate serves its endpoints and its link over TLS, to clients that trust the
 * certificate, and nothing in plain text. Needs no broker.
 */
class GatewayTlsTest {

    @TempDir
    static Path dir;
    static Vertx vertx;
    static MeshGateway gateway;
    static TestCertificate certificate;
    static int port;
    /** Held for the whole class: Vert.x closes a client nobody references any more, and its sockets with it. */
    static io.vertx.core.http.WebSocketClient wss;

    @BeforeAll
    static void startGatewayServingTls() throws Exception {
        certificate = TestCertificate.create(dir);
        port = FreePorts.pick();
        MeshConfig mesh = MeshConfigLoader.parse("""
                regions:
                  eu-west: {bootstrap-servers: "127.0.0.1:%d", gateway: "https://127.0.0.1:%d"}
                  us-east: {bootstrap-servers: "127.0.0.1:1", gateway: "https://127.0.0.1:2"}
                streams:
                  orders: {origins: [eu-west], replicate-to: [us-east]}
                """.formatted(FreePorts.pick(), port), "tls.yaml");
        vertx = Vertx.vertx();
        gateway = MeshGateway.start(vertx, GatewaySettings.forRegion(mesh, "eu-west", "eu-west-1")
                        .withTls(new ServerTls(certificate.certFile(), certificate.keyFile())))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void endpointsAnswerOverHttps() throws Exception {
        assertTrue(gateway.url().startsWith("https://"), gateway.url());
        HttpClient https = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust()));
        int status = https.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                        .setURI("/health/live"))
                .compose(request -> request.send()).map(response -> response.statusCode())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(200, status);
    }

    @Test
    void theLinkOpensOverWss() throws Exception {
        wss = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustOptions(trust()));
        WebSocket socket = wss.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/v1/link").setSsl(true))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LinkBadInputTest.Peer peer = new LinkBadInputTest.Peer(socket);
        peer.send(new JsonObject().put("type", "hello").put("protocol", 1).put("region", "us-east"));
        assertEquals("eu-west", peer.awaitMessage("welcome").getString("region"));
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient untrusting = vertx.createHttpClient(new HttpClientOptions().setSsl(true));
        assertThrows(ExecutionException.class, () -> untrusting.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setHost("127.0.0.1").setPort(port).setURI("/health/live"))
                .compose(request -> request.send()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void nothingIsServedInPlainText() {
        HttpClient plain = vertx.createHttpClient();
        assertThrows(ExecutionException.class, () -> plain.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setHost("127.0.0.1").setPort(port).setURI("/health/live").setTimeout(5_000))
                .compose(request -> request.send()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    private static PemTrustOptions trust() {
        return new PemTrustOptions().addCertPath(certificate.certFile().toString());
    }
}
