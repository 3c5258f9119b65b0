package io.meshgate.gateway.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.replication.LocalCluster;
import io.meshgate.gateway.security.AuthException;
import io.meshgate.gateway.security.ClientAuth;
import io.meshgate.gateway.security.ClientIdentity;
import io.meshgate.observability.Events;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of push subscriptions for the HTTP layer: an upgraded socket becomes a subscription. */
public final class Subscriptions {

    private Subscriptions() {
    }

    /** {@code params} are the subscribe URL's query parameters: from, credit, key, header.*, where, fields. */
    public static void open(Vertx vertx, ServerWebSocket socket, LocalCluster cluster, MeshConfig mesh, String stream,
                            MultiMap params, ClientAuth auth, String token) {
        if (auth == null) {
            SubscriptionSession.open(vertx, socket, cluster, mesh, stream, params, ClientIdentity.ANONYMOUS);
            return;
        }
        // Authentication before anything else: an unauthenticated client does not even learn which streams exist.
        auth.authenticate(token).onComplete(result -> {
            if (result.failed()) {
                AuthException refused = result.cause() instanceof AuthException e ? e
                        : new AuthException("auth.invalid", String.valueOf(result.cause().getMessage()));
                SubscriptionSession.refuse(socket, refused.code(), refused.getMessage(), SubscriptionSession.CLOSE_UNAUTHENTICATED);
                return;
            }
            ClientIdentity client = result.result();
            if (!auth.mayRead(client, stream)) {
                Events.warn(LOG, "audit.read.denied", "principal", client.subject(), "roles", client.roles(), "stream", stream,
                        "remote", socket.remoteAddress());
                SubscriptionSession.refuse(socket, "auth.denied", "'" + client.subject() + "' may not read stream '" + stream
                        + "': security.readers allows no role or user of this client for it", SubscriptionSession.CLOSE_FORBIDDEN);
                return;
            }
            SubscriptionSession.open(vertx, socket, cluster, mesh, stream, params, client);
        });
    }

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
}
