package io.meshgate.replication;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamRoute;
import io.meshgate.observability.Events;
import io.meshgate.observability.MeshMetrics;
import io.meshgate.replication.replica.LinkStatus;
import io.meshgate.replication.replica.PeerLink;
import io.meshgate.replication.replica.PositionStore;
import io.meshgate.replication.replica.StreamReplicator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything this region receives: one {@link PeerLink} per origin peer that has streams for this region, each
 * carrying a {@link StreamReplicator} per stream. Confined to the context that started it.
 */
public final class ReplicationService {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationService.class);

    private final Vertx vertx;
    private MeshConfig mesh;
    private final LocalCluster cluster;
    private final String instanceId;
    private final MeshMetrics metrics;
    private final PositionStore store;
    private final List<PeerLink> links = new ArrayList<>();
    private final Runnable onLinkStateChange;

    /** {@code onLinkStateChange} runs on this service's context whenever a link changes state. */
    public ReplicationService(Vertx vertx, MeshConfig mesh, LocalCluster cluster, String instanceId, MeshMetrics metrics,
                              Runnable onLinkStateChange) {
        this.onLinkStateChange = onLinkStateChange;
        this.vertx = vertx;
        this.mesh = mesh;
        this.cluster = cluster;
        this.instanceId = instanceId;
        this.metrics = metrics;
        this.store = new PositionStore(cluster);
    }

    public Future<Void> start() {
        List<StreamRoute> routes = mesh.routesInto(cluster.regionId());
        if (routes.isEmpty()) {
            Events.info(LOG, "replication.idle", "region", cluster.regionId(), "reason", "no stream is replicated into this region");
            return Future.succeededFuture();
        }
        Map<String, List<StreamReplicator>> byOrigin = new LinkedHashMap<>();
        for (StreamRoute route : routes) {
            byOrigin.computeIfAbsent(route.origin(), origin -> new ArrayList<>())
                    .add(new StreamReplicator(vertx, cluster, store, route, mesh.links(), metrics));
        }
        // Links start at once, even if the local Kafka is down: replicators retry until it answers, and
        // readiness says so meanwhile. A gateway that refused to start would show nothing at all.
        byOrigin.forEach((origin, replicators) -> {
            PeerLink link = new PeerLink(vertx, cluster.regionId(), instanceId, mesh.region(origin), mesh.links(),
                    metrics, replicators, onLinkStateChange);
            links.add(link);
            link.start();
        });
        return Future.succeededFuture();
    }

    /**
     * Applies a reloaded config whose regions and link settings are unchanged: streams that now replicate into
     * this region start, streams that no longer do stop (their replicas and positions stay in Kafka, so adding
     * them back resumes where they stopped). Returns the changes as {@code +stream<-origin} / {@code -stream<-origin}.
     */
    public Future<List<String>> update(MeshConfig reloaded) {
        List<String> changes = new ArrayList<>();
        List<Future<Void>> stopping = new ArrayList<>();
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        reloaded.routesInto(cluster.regionId()).forEach(route ->
                wanted.computeIfAbsent(route.origin(), o -> new ArrayList<>()).add(route.stream().name()));
        for (PeerLink link : List.copyOf(links)) {
            List<String> keep = wanted.getOrDefault(link.peerRegion(), List.of());
            for (String stream : link.streams()) {
                if (!keep.contains(stream)) {
                    stopping.add(link.remove(stream));
                    changes.add("-" + stream + "<-" + link.peerRegion());
                }
            }
            if (link.streams().isEmpty()) {
                links.remove(link);
                stopping.add(link.stop());
            }
        }
        this.mesh = reloaded;
        for (StreamRoute route : reloaded.routesInto(cluster.regionId())) {
            PeerLink link = links.stream().filter(l -> l.peerRegion().equals(route.origin())).findFirst().orElse(null);
            if (link != null && link.streams().contains(route.stream().name())) {
                continue;
            }
            StreamReplicator replicator = new StreamReplicator(vertx, cluster, store, route, mesh.links(), metrics);
            if (link == null) {
                link = new PeerLink(vertx, cluster.regionId(), instanceId, mesh.region(route.origin()), mesh.links(),
                        metrics, List.of(replicator), onLinkStateChange);
                links.add(link);
                link.start();
            } else {
                link.add(replicator);
            }
            changes.add("+" + route.stream().name() + "<-" + route.origin());
        }
        if (!changes.isEmpty()) {
            Events.info(LOG, "replication.reconfigured", "region", cluster.regionId(), "changes", changes);
            onLinkStateChange.run();
        }
        return Future.all(stopping).map(changes);
    }

    public List<LinkStatus> status() {
        return links.stream().map(PeerLink::status).toList();
    }

    public Future<Void> stop() {
        return Future.all(links.stream().map(PeerLink::stop).toList()).mapEmpty();
    }
}
