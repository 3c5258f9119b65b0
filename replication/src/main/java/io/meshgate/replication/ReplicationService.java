package io.meshgate.replication;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamRoute;
import io.meshgate.observability.Events;
import io.meshgate.observability.MeshMetrics;
import io.meshgate.replication.protocol.LinkCredentials;
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
import java.util.function.Predicate;

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
    private final LinkCredentials credentials;
    private final PositionStore store;
    private final List<PeerLink> links = new ArrayList<>();
    private final Runnable onLinkStateChange;
    private Predicate<StreamRoute> owns;

    /** {@code onLinkStateChange} runs on this service's context whenever a link changes state. */
    public ReplicationService(Vertx vertx, MeshConfig mesh, LocalCluster cluster, String instanceId, MeshMetrics metrics,
                              LinkCredentials credentials, Predicate<StreamRoute> owns, Runnable onLinkStateChange) {
        this.credentials = credentials;
        this.owns = owns;
        this.onLinkStateChange = onLinkStateChange;
        this.vertx = vertx;
        this.mesh = mesh;
        this.cluster = cluster;
        this.instanceId = instanceId;
        this.metrics = metrics;
        this.store = new PositionStore(cluster);
    }

    public Future<Void> start() {
        // Links start at once, even if the local Kafka is down: replicators retry until it answers, and
        // readiness says so meanwhile. A gateway that refused to start would show nothing at all.
        return reconcile().map(changes -> {
            if (changes.isEmpty()) {
                Events.info(LOG, "replication.idle", "region", cluster.regionId(),
                        "reason", "no stream replicated into this region is assigned to this instance");
            }
            return null;
        });
    }

    /**
     * Applies a reloaded config whose regions and link settings are unchanged: streams that now replicate into
     * this region start, streams that no longer do stop (their replicas and positions stay in Kafka, so adding
     * them back resumes where they stopped). Returns the changes as {@code +stream<-origin} / {@code -stream<-origin}.
     */
    public Future<List<String>> update(MeshConfig reloaded) {
        this.mesh = reloaded;
        return reconcile();
    }

    /**
     * Replicates only the routes {@code owns} accepts: when several instances of a region share the work, each
     * runs its share. A route handed over to another instance is stopped here; the other instance's writer fences
     * this one's transactional id before it reads positions, so the handover loses and doubles nothing.
     */
    public Future<List<String>> setOwnership(Predicate<StreamRoute> owns) {
        this.owns = owns;
        return reconcile();
    }

    private Future<List<String>> reconcile() {
        List<String> changes = new ArrayList<>();
        List<Future<Void>> stopping = new ArrayList<>();
        List<StreamRoute> wanted = mesh.routesInto(cluster.regionId()).stream().filter(owns).toList();
        for (PeerLink link : List.copyOf(links)) {
            for (String stream : link.streams()) {
                boolean keep = wanted.stream().anyMatch(route ->
                        route.origin().equals(link.peerRegion()) && route.stream().name().equals(stream));
                if (!keep) {
                    stopping.add(link.remove(stream));
                    changes.add("-" + stream + "<-" + link.peerRegion());
                }
            }
            if (link.streams().isEmpty()) {
                links.remove(link);
                stopping.add(link.stop());
            }
        }
        for (StreamRoute route : wanted) {
            PeerLink link = links.stream().filter(l -> l.peerRegion().equals(route.origin())).findFirst().orElse(null);
            if (link != null && link.streams().contains(route.stream().name())) {
                continue;
            }
            StreamReplicator replicator = new StreamReplicator(vertx, cluster, store, route, mesh.links(), metrics);
            replicator.prepare();
            if (link == null) {
                link = new PeerLink(vertx, cluster.regionId(), instanceId, mesh.region(route.origin()), mesh.links(),
                        credentials, metrics, List.of(replicator), onLinkStateChange);
                links.add(link);
                link.start();
            } else {
                link.add(replicator);
            }
            changes.add("+" + route.stream().name() + "<-" + route.origin());
        }
        if (!changes.isEmpty()) {
            Events.info(LOG, "replication.reconfigured", "region", cluster.regionId(), "instance", instanceId,
                    "changes", changes);
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
