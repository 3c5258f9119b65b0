package io.meshgate.replication.origin;

import io.meshgate.config.MeshConfig;
import io.meshgate.observability.Events;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.ControlMessage.Type;
import io.meshgate.replication.protocol.LinkProtocol;
import io.meshgate.replication.protocol.LinkProtocolException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The origin half of one link: a peer region's gateway connected to this one to receive the streams that
 * originate here. Holds the handshake, dispatches the peer's control messages (its stream requests go to
 * {@link LinkPublications}), keeps what the peer reports as committed, sends heartbeats with the origin log end
 * offsets and closes the link when the peer falls silent.
 *
 * <p>Confined to the event loop of its WebSocket.
 */
public final class OriginLinkSession {

    private static final Logger LOG = LoggerFactory.getLogger(OriginLinkSession.class);
    private static final int WRITE_QUEUE_BYTES = 8 << 20;
    private static final int SHAPE_CHECK_EVERY_TICKS = 10;

    private final Vertx vertx;
    private final Context context;
    private final ServerWebSocket socket;
    private final LocalCluster cluster;
    private final Supplier<MeshConfig> mesh;
    private final Map<String, Map<Integer, Long>> peerProgress = new ConcurrentHashMap<>();
    private final HeartbeatSender heartbeats;
    private final LinkPublications publications;
    /** The region the link's credentials proved, or null when the mesh's links are not authenticated. */
    private final String provenRegion;
    private volatile String peer;
    private long lastReceivedMillis;
    private long timer = -1;
    private long ticks;
    private final Runnable onStopped;
    private boolean closed;

    public OriginLinkSession(Vertx vertx, ServerWebSocket socket, String provenRegion, LocalCluster cluster,
                             Supplier<MeshConfig> mesh, Function<String, Map<String, Map<Integer, Long>>> committedByRegion,
                             Runnable onStopped) {
        this.vertx = vertx;
        this.provenRegion = provenRegion;
        // Taken here, not in start(): the service lists a session before starting it, so another thread may
        // close or reconfigure it in between; its task then queues behind start() on this same event loop.
        this.context = vertx.getOrCreateContext();
        this.onStopped = onStopped;
        this.socket = socket;
        this.cluster = cluster;
        this.mesh = mesh;
        this.heartbeats = new HeartbeatSender(cluster, socket, committedByRegion);
        this.publications = new LinkPublications(vertx, cluster, socket, mesh, this::peer, heartbeats, peerProgress::remove);
    }

    public void start() {
        // Room for a few batches in flight on a long, fat WAN link before publishers stop polling Kafka.
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        lastReceivedMillis = System.currentTimeMillis();
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(frame -> onProtocolError(new LinkProtocolException("link.message.unexpected-binary",
                "a receiving gateway must not send binary frames on a link")));
        socket.drainHandler(v -> publications.drained());
        socket.closeHandler(v -> stop("closed by peer"));
        socket.exceptionHandler(failure -> Events.warn(LOG, "link.session.error", "peer", peer,
                "remote", socket.remoteAddress(), "cause", failure.getMessage()));
        long interval = mesh.get().links().heartbeatInterval().toMillis();
        timer = vertx.setPeriodic(interval, interval, id -> onTick());
        Events.info(LOG, "link.session.opened", "remote", socket.remoteAddress());
    }

    /** The peer region, once it said hello; null before. */
    public String peer() {
        return peer;
    }

    /** What the peer last reported as committed, per stream and partition (next offset to replicate). */
    public Map<String, Map<Integer, Long>> peerProgress() {
        return Map.copyOf(peerProgress);
    }

    private void onText(String text) {
        lastReceivedMillis = System.currentTimeMillis();
        ControlMessage message;
        try {
            message = ControlMessage.parse(text);
        } catch (LinkProtocolException e) {
            onProtocolError(e);
            return;
        }
        try {
            if (peer == null && message.type() != Type.HELLO) {
                throw new LinkProtocolException("link.handshake.missing", "the first message on a link must be 'hello', got '"
                        + message.type().wireName() + "'");
            }
            switch (message.type()) {
                case HELLO -> onHello(message);
                case DESCRIBE -> publications.describe(message);
                case SUBSCRIBE -> publications.subscribe(message);
                case UNSUBSCRIBE -> publications.unsubscribe(message.requireString("stream"));
                case PROGRESS -> onProgress(message);
                case ERROR -> Events.warn(LOG, "link.peer.reported-error", "peer", peer,
                        "code", message.body().getString("code"), "message", message.body().getString("message"));
                default -> throw new LinkProtocolException("link.message.unexpected", "a receiving gateway must not send '"
                        + message.type().wireName() + "' messages");
            }
        } catch (LinkProtocolException e) {
            onProtocolError(e);
        } catch (StreamRequestException e) {
            publications.reject(e.stream(), e.code(), e.getMessage());
        }
    }

    private void onHello(ControlMessage hello) {
        if (peer != null) {
            throw new LinkProtocolException("link.handshake.repeated", "'hello' was already received on this link");
        }
        peer = LinkHandshake.acceptedPeer(hello, mesh.get(), cluster.regionId(), provenRegion);
        socket.writeTextMessage(LinkHandshake.welcome(cluster.regionId()));
        Events.info(LOG, "link.session.established", "peer", peer, "remote", socket.remoteAddress());
    }

    /** The mesh config was reloaded: streams this peer may no longer receive end their subscription. */
    public void onMeshChanged() {
        context.runOnContext(v -> publications.endNoLongerServed());
    }

    private void onProgress(ControlMessage progress) {
        JsonObject streams = progress.requireObject("streams");
        for (String stream : streams.fieldNames()) {
            if (streams.getValue(stream) instanceof JsonObject offsets) {
                peerProgress.put(stream, ControlMessage.partitionOffsets(offsets, "progress of '" + stream + "'"));
            }
        }
    }

    private void onTick() {
        if (++ticks % SHAPE_CHECK_EVERY_TICKS == 0) {
            publications.checkTopicShapes();
        }
        long silentFor = System.currentTimeMillis() - lastReceivedMillis;
        if (silentFor > mesh.get().links().idleTimeout().toMillis()) {
            Events.warn(LOG, "link.session.idle", "peer", peer, "silentMs", silentFor);
            socket.close(LinkProtocol.CLOSE_IDLE, "no message for " + silentFor + " ms");
            stop("idle");
            return;
        }
        if (peer != null) {
            heartbeats.send();
        }
    }

    private void onProtocolError(LinkProtocolException error) {
        Events.warn(LOG, "link.protocol.violation", "peer", peer, "remote", socket.remoteAddress(),
                "code", error.code(), "message", error.getMessage());
        if (!socket.isClosed()) {
            socket.writeTextMessage(ControlMessage.of(Type.ERROR).put("code", error.code()).put("message", error.getMessage()).encode());
            socket.close(LinkProtocol.CLOSE_PROTOCOL_ERROR, error.code());
        }
        stop(error.code());
    }

    /** Closes the link with "going away"; safe from any thread. */
    public void close() {
        context.runOnContext(v -> {
            if (!socket.isClosed()) {
                socket.close(LinkProtocol.CLOSE_GOING_AWAY, "gateway stopping");
            }
            stop("gateway stopping");
        });
    }

    private void stop(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(timer);
        publications.closeAll();
        onStopped.run();
        Events.info(LOG, "link.session.closed", "peer", peer, "reason", reason);
    }
}
