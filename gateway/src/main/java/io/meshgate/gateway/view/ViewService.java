package io.meshgate.gateway.view;

import io.meshgate.config.MeshConfig;
import io.meshgate.gateway.cluster.WorkOwnership;
import io.meshgate.gateway.security.ClientAuth;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.ReplicationVerticle;
import io.vertx.core.Vertx;

/**
 * The views of one gateway instance and what they need: their stores (in memory, or in the region's Hazelcast
 * cluster when the region has several instances, one of which builds each view), the peers lookups are forwarded
 * to, and the region-wide knowledge of replica lag that staleness is computed from.
 */
public final class ViewService implements AutoCloseable {

    private static final long PUBLISH_MS = 1_000;

    private final Vertx vertx;
    private final String region;
    private final MeshConfig mesh;
    private final Views views;
    private final PeerLookups peers;
    private final RegionLag lag;
    private final WorkOwnership ownership;
    private long publishTimer = -1;

    /** {@code ownership} is null for a region of one instance. Fails, naming the view, on a view filter that cannot be used. */
    public ViewService(Vertx vertx, String region, LocalCluster cluster, MeshConfig mesh, ReplicationVerticle replication,
                       WorkOwnership ownership) {
        this.vertx = vertx;
        this.region = region;
        this.mesh = mesh;
        this.ownership = ownership;
        this.lag = new RegionLag(replication, ownership == null ? null : ownership.hazelcast().getMap("meshgate.replica-lag"));
        Views.StoreFactory stores = ownership == null ? Views.StoreFactory.IN_MEMORY : new Views.StoreFactory() {
            @Override
            public ViewStore create(String view, String stream) {
                return new HazelcastViewStore(ownership.hazelcast(), view, stream);
            }

            @Override
            public boolean remote() {
                return true;
            }
        };
        this.views = new Views(region, cluster, mesh, this::replicaLagMs, stores,
                ownership == null ? view -> true : view -> ownership.owns("view|" + view));
        this.peers = new PeerLookups(vertx, region, mesh);
    }

    public void start() {
        // Builders read their store's positions first: with a Hazelcast store, a network call, so off the event loop.
        vertx.executeBlocking(() -> {
            views.start();
            return null;
        }, false);
        peers.start();
        if (ownership != null) {
            ownership.onMembershipChange(views::rebalance);
            publishTimer = vertx.setPeriodic(PUBLISH_MS, id -> vertx.executeBlocking(() -> {
                lag.publish();
                return null;
            }, false));
        }
    }

    /** How far this region's replica of an origin's share of a stream is behind it; null when not known here. */
    public Long replicaLagMs(String stream, String origin) {
        return lag.millisBehind(stream, origin);
    }

    /** Per view built here, milliseconds behind, null when not known; safe from any thread. */
    public java.util.Map<String, Long> stalenessByView() {
        return views.stalenessByView();
    }

    public ViewEndpoints endpoints(ClientAuth auth) {
        return new ViewEndpoints(vertx, region, mesh, views, peers, auth);
    }

    @Override
    public void close() {
        vertx.cancelTimer(publishTimer);
        views.close();
        peers.close();
    }
}
