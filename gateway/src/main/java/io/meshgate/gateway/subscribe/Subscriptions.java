package io.meshgate.gateway.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.config.SubscriptionSettings;
import io.meshgate.gateway.security.AuthException;
import io.meshgate.gateway.security.ClientAuth;
import io.meshgate.gateway.security.ClientIdentity;
import io.meshgate.observability.Events;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.subscribe.RingLimits;
import io.meshgate.replication.subscribe.SharedStreams;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The gateway's push subscriptions, as the HTTP layer sees them: an upgraded socket is authenticated, checked
 * against the stream's readers and the gateway's limits, then becomes a subscription.
 */
public final class Subscriptions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final Vertx vertx;
    private final Supplier<MeshConfig> mesh;
    private final ClientAuth auth;
    private final SharedStreams streams;
    private final SubscriberAdmission admission;

    /** {@code replicaLagMs(stream, origin)}: how far this region's replica is behind its origin, null when unknown. */
    public Subscriptions(Vertx vertx, LocalCluster cluster, Supplier<MeshConfig> mesh, ClientAuth auth,
                         BiFunction<String, String, Long> replicaLagMs) {
        this.vertx = vertx;
        this.mesh = mesh;
        this.auth = auth;
        SubscriptionSettings limits = limits(mesh.get());
        this.streams = new SharedStreams(vertx, cluster, new RingLimits(limits.ringRecords(), limits.ringBytes()), replicaLagMs);
        this.admission = new SubscriberAdmission(() -> limits(mesh.get()));
    }

    /** {@code params} are the subscribe URL's query parameters: from, credit, key, header.*, where, fields. */
    public void open(ServerWebSocket socket, String stream, MultiMap params, String token) {
        if (auth == null) {
            admit(socket, stream, params, ClientIdentity.ANONYMOUS, socket.remoteAddress().host());
            return;
        }
        // Authentication before anything else: an unauthenticated client does not even learn which streams exist.
        auth.authenticate(token).onComplete(result -> {
            if (result.failed()) {
                AuthException refused = result.cause() instanceof AuthException e ? e
                        : new AuthException("auth.invalid", String.valueOf(result.cause().getMessage()));
                SubscribeFrames.fail(socket, refused.code(), refused.getMessage(), SubscribeFrames.CLOSE_UNAUTHENTICATED);
                return;
            }
            ClientIdentity client = result.result();
            if (!auth.mayRead(client, stream)) {
                Events.warn(LOG, "audit.read.denied", "principal", client.subject(), "roles", client.roles(), "stream", stream,
                        "remote", socket.remoteAddress());
                SubscribeFrames.fail(socket, "auth.denied", "'" + client.subject() + "' may not read stream '" + stream
                        + "': security.readers allows no role or user of this client for it", SubscribeFrames.CLOSE_FORBIDDEN);
                return;
            }
            admit(socket, stream, params, client, "user:" + client.subject());
        });
    }

    private void admit(ServerWebSocket socket, String streamName, MultiMap params, ClientIdentity client, String clientKey) {
        MeshConfig current = mesh.get();
        StreamConfig stream = current.streams().get(streamName);
        if (stream == null) {
            SubscribeFrames.fail(socket, "stream.unknown", "no stream '" + streamName + "' in the mesh; streams: "
                    + String.join(", ", current.streams().keySet()) + " (see GET /v1/streams)", SubscribeFrames.CLOSE_UNKNOWN_STREAM);
            return;
        }
        String refusal = admission.admit(clientKey);
        if (refusal != null) {
            Events.warn(LOG, "subscription.refused", "stream", streamName, "principal", client.subject(), "reason", refusal);
            SubscribeFrames.fail(socket, "subscription.limit.reached", refusal, SubscribeFrames.CLOSE_TOO_MANY);
            return;
        }
        SubscribeContext ctx = new SubscribeContext(vertx, current, streams, limits(current), admission);
        SubscriberSocket.open(ctx, socket, stream, params, client, clientKey);
    }

    /** Subscriptions open on this gateway instance now; safe from any thread. */
    public int open() {
        return admission.open();
    }

    /** Open subscriptions on this gateway instance, and the streams they read through a shared head reader. */
    public io.vertx.core.json.JsonObject status() {
        return new io.vertx.core.json.JsonObject().put("open", admission.open()).put("sharedStreams", streams.openStreams())
                .put("catchingUp", streams.catchingUp()).put("waitingToCatchUp", streams.waitingToCatchUp());
    }

    private static SubscriptionSettings limits(MeshConfig mesh) {
        return mesh.subscriptions();
    }

    @Override
    public void close() {
        streams.close();
    }
}
