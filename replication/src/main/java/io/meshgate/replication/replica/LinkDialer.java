package io.meshgate.replication.replica;

import io.meshgate.config.LinkSettings;
import io.meshgate.config.RegionConfig;
import io.meshgate.replication.protocol.LinkCredentials;
import io.meshgate.replication.protocol.LinkProtocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.time.Instant;

/**
 * Opens WebSocket connections to a peer's link endpoint, from its gateway URL: TLS for https, the scheme's port
 * when none is given, a path prefix kept for gateways published behind a reverse proxy, and fresh link credentials
 * on every attempt when the mesh's links are authenticated.
 */
final class LinkDialer {

    /** Record batches can be large (a batch of big records); peers are trusted gateways of the same mesh. */
    private static final int MAX_LINK_MESSAGE_BYTES = 64 << 20;

    private final WebSocketClient client;
    private final WebSocketConnectOptions options;
    private final String localRegion;
    private final LinkCredentials credentials;

    LinkDialer(Vertx vertx, String localRegion, RegionConfig peer, LinkSettings settings, LinkCredentials credentials) {
        this.localRegion = localRegion;
        this.credentials = credentials;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxMessageSize(MAX_LINK_MESSAGE_BYTES)
                .setMaxFrameSize(MAX_LINK_MESSAGE_BYTES)
                .setConnectTimeout((int) settings.idleTimeout().toMillis()));
        this.options = new WebSocketConnectOptions()
                .setHost(peer.gateway().getHost())
                .setPort(peer.gatewayPort())
                .setSsl(peer.gatewayTls())
                .setURI(peer.gatewayPath(LinkProtocol.PATH))
                // A handshake that hangs (a black-holed WAN) fails after the idle timeout, then backs off.
                .setTimeout(settings.idleTimeout().toMillis());
    }

    Future<WebSocket> dial() {
        String authorization = credentials.authorization(localRegion, Instant.now());
        WebSocketConnectOptions attempt = authorization == null ? options
                : new WebSocketConnectOptions(options).putHeader(HttpHeaders.AUTHORIZATION, authorization);
        return client.connect(attempt).recover(failure -> Future.failedFuture(explained(failure)));
    }

    /** A 401 is the peer refusing our credentials: say what an operator checks, not just the status. */
    private static Throwable explained(Throwable failure) {
        if (failure instanceof UpgradeRejectedException rejected && rejected.getStatus() == 401) {
            return new IllegalStateException("the peer refused this gateway's link credentials (HTTP 401): every region"
                    + " must run with the same security.links secret, and their clocks must be within "
                    + LinkCredentials.MAX_CLOCK_SKEW.toMinutes() + " min of each other; the peer's log says which"
                    + " (link.auth.refused)", failure);
        }
        return failure;
    }

    Future<Void> close() {
        return client.close();
    }

    static String closeDetail(WebSocket socket) {
        return socket.closeStatusCode() == null ? ""
                : " (code " + socket.closeStatusCode() + (socket.closeReason() == null ? "" : ", " + socket.closeReason()) + ")";
    }
}
