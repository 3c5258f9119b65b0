package io.meshgate.gateway.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.replication.LocalCluster;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/** Entry point of push subscriptions for the HTTP layer: an upgraded socket becomes a subscription. */
public final class Subscriptions {

    private Subscriptions() {
    }

    /** {@code params} are the subscribe URL's query parameters: from, credit, key, header.*, where, fields. */
    public static void open(Vertx vertx, ServerWebSocket socket, LocalCluster cluster, MeshConfig mesh, String stream,
                            MultiMap params) {
        SubscriptionSession.open(vertx, socket, cluster, mesh, stream, params);
    }
}
