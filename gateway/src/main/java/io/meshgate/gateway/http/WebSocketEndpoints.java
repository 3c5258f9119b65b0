package io.meshgate.gateway.http;

import io.meshgate.gateway.security.ClientAuth;
import io.meshgate.gateway.subscribe.Subscriptions;
import io.meshgate.replication.origin.OriginService;
import io.meshgate.replication.protocol.LinkProtocol;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.http.ServerWebSocketHandshake;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's two WebSocket endpoints, upgraded by the HTTP server itself rather than through the router: the
 * sockets are then Vert.x's own (the router would hand out wrappers), so a subscription can tune its connection's
 * Netty pipeline. Any other upgrade is refused with 404 before the handshake; plain HTTP requests to these paths
 * still reach the router, which explains that they need an upgrade.
 */
final class WebSocketEndpoints {

    private static final int MAX_QUERY_PARAMS = 1024;
    private static final Pattern SUBSCRIBE = Pattern.compile("/v1/streams/([^/]+)/subscribe");

    private final Subscriptions subscriptions;
    private final OriginService origin;

    WebSocketEndpoints(Subscriptions subscriptions, OriginService origin) {
        this.subscriptions = subscriptions;
        this.origin = origin;
    }

    void handshake(ServerWebSocketHandshake handshake) {
        String path = handshake.path();
        if (LinkProtocol.PATH.equals(path)) {
            origin.handshake(handshake);
            return;
        }
        Matcher subscribe = SUBSCRIBE.matcher(path);
        if (!subscribe.matches()) {
            handshake.reject(404);
            return;
        }
        // A '+' in a path is a plus, not a space as in a query string.
        String stream = QueryStringDecoder.decodeComponent(subscribe.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        MultiMap params = queryParams(handshake.query());
        String token = ClientAuth.token(handshake.headers(), params);
        // Errors after the upgrade, as error frames and close codes: a browser cannot read a refused handshake.
        handshake.accept().onSuccess(socket -> subscriptions.open(socket, stream, params, token));
    }

    private static MultiMap queryParams(String query) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        if (query != null) {
            new QueryStringDecoder(query, StandardCharsets.UTF_8, false, MAX_QUERY_PARAMS, true).parameters()
                    .forEach(params::add);
        }
        return params;
    }
}
