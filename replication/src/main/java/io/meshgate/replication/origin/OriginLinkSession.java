package io.meshgate.replication.origin;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.observability.Events;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.ControlMessage.Type;
import io.meshgate.replication.protocol.LinkProtocol;
import io.meshgate.replication.protocol.LinkProtocolException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The origin half of one link: a peer region's gateway connected to this one to receive the streams that
 * originate here. Validates the peer's requests against the mesh config, runs one {@link StreamPublisher}
 * per subscribed stream, and sends heartbeats with the origin log end offsets.
 *
 * <p>Confined to the event loop of its WebSocket.
 */
public final class OriginLinkSession {

    private static final Logger LOG = LoggerFactory.getLogger(OriginLinkSession.class);
    private static final int WRITE_QUEUE_BYTES = 8 << 20;
    private static final int SHAPE_CHECK_EVERY_TICKS = 10;

    private final Vertx vertx;
    private Context context;
    private final ServerWebSocket socket;
    private final LocalCluster cluster;
    private final Supplier<MeshConfig> mesh;
    private final Map<String, StreamPublisher> publishers = new HashMap<>();
    private final Map<String, OriginTopic> topics = new HashMap<>();
    private final Map<String, Map<Integer, Long>> peerProgress = new java.util.concurrent.ConcurrentHashMap<>();
    private final HeartbeatSender heartbeats;
    private volatile String peer;
    private long lastReceivedMillis;
    private long timer = -1;
    private long ticks;
    private final Runnable onStopped;
    private boolean closed;

    public OriginLinkSession(Vertx vertx, ServerWebSocket socket, LocalCluster cluster, Supplier<MeshConfig> mesh,
                             Function<String, Map<String, Map<Integer, Long>>> committedByRegion, Runnable onStopped) {
        this.vertx = vertx;
        this.onStopped = onStopped;
        this.socket = socket;
        this.cluster = cluster;
        this.mesh = mesh;
        this.heartbeats = new HeartbeatSender(cluster, socket, committedByRegion);
    }

    public void start() {
        context = vertx.getOrCreateContext();
        // Room for a few batches in flight on a long, fat WAN link before publishers stop polling Kafka.
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        lastReceivedMillis = System.currentTimeMillis();
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(frame -> onProtocolError(new LinkProtocolException("link.message.unexpected-binary",
                "a receiving gateway must not send binary frames on a link")));
        socket.drainHandler(v -> publishers.values().forEach(StreamPublisher::onDrain));
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
                case DESCRIBE -> onDescribe(message);
                case SUBSCRIBE -> onSubscribe(message);
                case UNSUBSCRIBE -> onUnsubscribe(message.requireString("stream"));
                case PROGRESS -> onProgress(message);
                case ERROR -> Events.warn(LOG, "link.peer.reported-error", "peer", peer,
                        "code", message.body().getString("code"), "message", message.body().getString("message"));
                default -> throw new LinkProtocolException("link.message.unexpected", "a receiving gateway must not send '"
                        + message.type().wireName() + "' messages");
            }
        } catch (LinkProtocolException e) {
            onProtocolError(e);
        } catch (StreamRequestException e) {
            sendStreamError(e.stream(), e.code(), e.getMessage());
        }
    }

    private void onHello(ControlMessage hello) {
        if (peer != null) {
            throw new LinkProtocolException("link.handshake.repeated", "'hello' was already received on this link");
        }
        long version = hello.requireLong("protocol");
        if (version != LinkProtocol.VERSION) {
            throw new LinkProtocolException("link.protocol.unsupported", "peer speaks link protocol " + version
                    + " but region '" + cluster.regionId() + "' speaks " + LinkProtocol.VERSION
                    + "; run the same meshgate release on both sides");
        }
        String region = hello.requireString("region");
        if (!mesh.get().regions().containsKey(region) || region.equals(cluster.regionId())) {
            throw new LinkProtocolException("link.peer.unknown", "region '" + region + "' is not a peer of '"
                    + cluster.regionId() + "' in this gateway's mesh config (peers: " + mesh.get().peersOf(cluster.regionId()) + ")");
        }
        peer = region;
        socket.writeTextMessage(ControlMessage.of(Type.WELCOME)
                .put("protocol", LinkProtocol.VERSION)
                .put("region", cluster.regionId())
                .encode());
        Events.info(LOG, "link.session.established", "peer", peer, "remote", socket.remoteAddress());
    }

    private void onDescribe(ControlMessage describe) {
        StreamConfig stream = servedStream(describe.requireString("stream"));
        describeTopic(stream).onSuccess(topic -> socket.writeTextMessage(ControlMessage.of(Type.DESCRIBED)
                .put("stream", stream.name())
                .put("topic", topic.name())
                .put("partitions", topic.partitions())
                .put("configs", new JsonObject(new java.util.HashMap<>(topic.configs())))
                .encode()));
    }

    private void onSubscribe(ControlMessage subscribe) {
        StreamConfig stream = servedStream(subscribe.requireString("stream"));
        int subscription = (int) subscribe.requireLong("subscription");
        Map<Integer, Long> positions = ControlMessage.partitionOffsets(subscribe.requireObject("positions"),
                "subscribe to '" + stream.name() + "'");
        StreamPublisher previous = publishers.remove(stream.name());
        Future<Void> stopped = previous == null ? Future.succeededFuture() : previous.close();
        stopped.compose(v -> describeTopic(stream)).compose(topic -> {
            StreamPublisher publisher = new StreamPublisher(vertx, cluster, stream.name(), topic.name(), subscription,
                    peer, mesh.get().links(), writer(), failure -> onPublisherFailed(stream.name(), failure));
            publishers.put(stream.name(), publisher);
            heartbeats.track(stream.name(), topic);
            return publisher.start(topic.partitions(), positions, (partition, from, to) -> reportGap(stream.name(), partition, from, to));
        }).onSuccess(v -> Events.info(LOG, "link.subscription.started", "peer", peer, "stream", stream.name(),
                "subscription", subscription, "positions", positions))
          .onFailure(failure -> onPublisherFailed(stream.name(), failure));
    }

    /** The mesh config was reloaded: streams this peer may no longer receive end their subscription. */
    public void onMeshChanged() {
        context.runOnContext(v -> {
            for (String stream : Map.copyOf(publishers).keySet()) {
                try {
                    servedStream(stream);
                } catch (StreamRequestException e) {
                    onUnsubscribe(stream);
                    sendStreamError(stream, "link.stream.removed", "stream '" + stream + "' is no longer replicated to '"
                            + peer + "' after a config reload in '" + cluster.regionId() + "': " + e.getMessage());
                }
            }
        });
    }

    private void reportGap(String stream, int partition, long from, long to) {
        Events.error(LOG, "link.stream.gap", "peer", peer, "stream", stream, "partition", partition,
                "fromOffset", from, "toOffset", to, "records", to - from,
                "cause", "the origin no longer holds these offsets (retention or deleted records) and the peer had not replicated them");
        socket.writeTextMessage(ControlMessage.of(Type.GAP).put("stream", stream).put("partition", partition)
                .put("from", from).put("to", to).encode());
    }

    private void onUnsubscribe(String stream) {
        StreamPublisher publisher = publishers.remove(stream);
        if (publisher != null) {
            publisher.close();
            heartbeats.untrack(stream);
            peerProgress.remove(stream);
            Events.info(LOG, "link.subscription.ended", "peer", peer, "stream", stream, "reason", "unsubscribed by peer");
        }
    }

    private void onProgress(ControlMessage progress) {
        JsonObject streams = progress.requireObject("streams");
        for (String stream : streams.fieldNames()) {
            if (streams.getValue(stream) instanceof JsonObject offsets) {
                peerProgress.put(stream, ControlMessage.partitionOffsets(offsets, "progress of '" + stream + "'"));
            }
        }
    }

    private StreamConfig servedStream(String name) {
        return StreamAccess.check(mesh.get(), cluster.regionId(), peer, name);
    }

    private Future<OriginTopic> describeTopic(StreamConfig stream) {
        OriginTopic known = topics.get(stream.name());
        Future<OriginTopic> described = OriginTopic.describe(cluster, stream.topic());
        return described.onSuccess(topic -> topics.put(stream.name(), topic))
                .recover(failure -> {
                    sendStreamError(stream.name(), "link.stream.topic-unavailable", "cannot describe topic '"
                            + stream.topic() + "' of stream '" + stream.name() + "' in region '" + cluster.regionId()
                            + "': " + failure.getMessage());
                    return known == null ? Future.failedFuture(failure) : Future.succeededFuture(known);
                });
    }

    private StreamPublisher.LinkWriter writer() {
        return new StreamPublisher.LinkWriter() {
            @Override
            public boolean full() {
                return socket.writeQueueFull();
            }

            @Override
            public Future<Void> write(Buffer frame) {
                return socket.writeBinaryMessage(frame);
            }
        };
    }

    private void onPublisherFailed(String stream, Throwable failure) {
        StreamPublisher publisher = publishers.remove(stream);
        if (publisher != null) {
            publisher.close();
        }
        heartbeats.untrack(stream);
        Events.warn(LOG, "link.subscription.failed", "peer", peer, "stream", stream, "cause", failure.getMessage());
        sendStreamError(stream, "link.stream.read-failed", "reading stream '" + stream + "' in region '"
                + cluster.regionId() + "' failed: " + failure.getMessage() + "; subscribe again to retry");
    }

    /**
     * Partitions added to an origin topic must reach replicas too: every few seconds the topics of subscribed
     * streams are described again, and a grown one ends its subscription with {@code link.stream.reshaped}, to
     * which the receiver answers by describing, growing its replica, and subscribing again.
     */
    private void checkTopicShapes() {
        for (String stream : Map.copyOf(publishers).keySet()) {
            OriginTopic known = topics.get(stream);
            StreamConfig config = mesh.get().streams().get(stream);
            if (known == null || config == null) {
                continue;
            }
            OriginTopic.describe(cluster, config.topic()).onSuccess(current -> {
                if (current.partitions() != known.partitions() && publishers.containsKey(stream)) {
                    topics.put(stream, current);
                    StreamPublisher publisher = publishers.remove(stream);
                    publisher.close();
                    heartbeats.untrack(stream);
                    Events.info(LOG, "link.stream.reshaped", "peer", peer, "stream", stream,
                            "partitionsBefore", known.partitions(), "partitionsNow", current.partitions());
                    sendStreamNotice(stream, "link.stream.reshaped", "topic '" + config.topic() + "' of stream '" + stream
                            + "' now has " + current.partitions() + " partitions (was " + known.partitions()
                            + "); describe and subscribe again");
                }
            });
        }
    }

    private void onTick() {
        if (++ticks % SHAPE_CHECK_EVERY_TICKS == 0) {
            checkTopicShapes();
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

    private void sendStreamError(String stream, String code, String message) {
        Events.warn(LOG, "link.stream.rejected", "peer", peer, "stream", stream, "code", code, "message", message);
        sendStreamNotice(stream, code, message);
    }

    /** A stream-scoped error the peer acts on (subscribe again), already logged by the caller as what it is. */
    private void sendStreamNotice(String stream, String code, String message) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(ControlMessage.of(Type.ERROR).put("code", code).put("stream", stream)
                    .put("message", message).encode());
        }
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
        publishers.values().forEach(StreamPublisher::close);
        publishers.clear();
        onStopped.run();
        Events.info(LOG, "link.session.closed", "peer", peer, "reason", reason);
    }
}
