package io.meshgate.replication.origin;

import io.meshgate.config.MeshConfig;
import io.meshgate.observability.Events;
import io.meshgate.observability.MeshMetrics;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.LinkAuthException;
import io.meshgate.replication.protocol.LinkCredentials;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The origin side of every link into this gateway: each peer gateway that connects to {@code /v1/link} gets an
 * {@link OriginLinkSession}. Sessions run on the event loop of their socket; this registry is thread-safe so
 * status can be read from anywhere.
 */
public final class OriginService {

    private static final Logger LOG = LoggerFactory.getLogger(OriginService.class);

    private final Vertx vertx;
    private final LocalCluster cluster;
    private final LinkCredentials credentials;
    private final MeshMetrics metrics;
    private volatile MeshConfig mesh;
    private final Set<OriginLinkSession> sessions = ConcurrentHashMap.newKeySet();

    public OriginService(Vertx vertx, LocalCluster cluster, MeshConfig mesh, LinkCredentials credentials,
                         MeshMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.cluster = cluster;
        this.mesh = mesh;
        this.credentials = credentials;
    }

    /**
     * A peer asks to open a link: with link authentication, its credentials must prove it belongs to the mesh, or
     * it is refused with 401 before the upgrade (and the reason logged here, for the operator of either side).
     */
    public void handshake(ServerWebSocketHandshake handshake) {
        String proven;
        try {
            proven = credentials.verify(handshake.headers().get(HttpHeaders.AUTHORIZATION), mesh.peersOf(cluster.regionId()),
                    Instant.now());
        } catch (LinkAuthException e) {
            Events.warn(LOG, "link.auth.refused", "remote", handshake.remoteAddress(), "code", e.code(),
                    "reason", e.getMessage());
            metrics.linkAuthRefused(e.code());
            handshake.reject(401);
            return;
        }
        handshake.accept().onSuccess(socket -> accept(socket, proven));
    }

    /** Takes over an accepted link socket until it closes; {@code provenRegion} as the credentials showed, or null. */
    private void accept(ServerWebSocket socket, String provenRegion) {
        OriginLinkSession[] session = new OriginLinkSession[1];
        session[0] = new OriginLinkSession(vertx, socket, provenRegion, cluster, () -> mesh, this::committedByRegion,
                () -> sessions.remove(session[0]));
        sessions.add(session[0]);
        session[0].start();
    }

    /** Serves streams by a reloaded config from now on; peers lose subscriptions the new config no longer allows. */
    public void updateMesh(MeshConfig reloaded) {
        mesh = reloaded;
        sessions.forEach(OriginLinkSession::onMeshChanged);
    }

    /** Tells every connected peer this gateway is going away, and stops serving it. */
    public void closeAll() {
        sessions.forEach(OriginLinkSession::close);
    }

    /**
     * How far each connected peer region has committed this stream, by partition (next offset to replicate):
     * what peers last reported in their progress messages. With several sessions from one region, the furthest.
     */
    public Map<String, Map<Integer, Long>> committedByRegion(String stream) {
        Map<String, Map<Integer, Long>> byRegion = new TreeMap<>();
        for (OriginLinkSession session : sessions) {
            Map<Integer, Long> progress = session.peerProgress().get(stream);
            if (session.peer() != null && progress != null) {
                Map<Integer, Long> merged = byRegion.computeIfAbsent(session.peer(), region -> new TreeMap<>());
                progress.forEach((partition, next) -> merged.merge(partition, next, Math::max));
            }
        }
        return byRegion;
    }

    /** Peers currently connected to this gateway, with what each last reported as committed. */
    public List<ServedLink> servedLinks() {
        return sessions.stream()
                .filter(session -> session.peer() != null)
                .map(session -> new ServedLink(session.peer(), session.peerProgress()))
                .toList();
    }

    /** An incoming link as status endpoints show it. */
    public record ServedLink(String peer, Map<String, Map<Integer, Long>> peerCommitted) {
    }
}
