package io.meshgate.replication.origin;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.observability.Events;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.ControlMessage.Type;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The streams one origin link publishes to its peer: a {@link StreamPublisher} per subscribed stream, the origin
 * topic each stream was last described as, and which of them the heartbeats cover. Every request is checked
 * against the mesh config of the moment ({@link StreamAccess}), so a reload can take a stream away again.
 *
 * <p>Confined to the event loop of the link's WebSocket, like the {@link OriginLinkSession} that owns it.
 */
final class LinkPublications {

    // The session's logger: link events keep the logger name operators already filter on.
    private static final Logger LOG = LoggerFactory.getLogger(OriginLinkSession.class);

    private final Vertx vertx;
    private final LocalCluster cluster;
    private final ServerWebSocket socket;
    private final Supplier<MeshConfig> mesh;
    private final Supplier<String> peer;
    private final HeartbeatSender heartbeats;
    private final Consumer<String> onUnsubscribed;
    private final Map<String, StreamPublisher> publishers = new HashMap<>();
    private final Map<String, OriginTopic> topics = new HashMap<>();

    /**
     * {@code peer} is the region that said hello (stream requests only come after it); {@code onUnsubscribed} is
     * told of every stream the peer unsubscribed from or lost, so what the peer reported of it can be forgotten.
     */
    LinkPublications(Vertx vertx, LocalCluster cluster, ServerWebSocket socket, Supplier<MeshConfig> mesh,
                     Supplier<String> peer, HeartbeatSender heartbeats, Consumer<String> onUnsubscribed) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.socket = socket;
        this.mesh = mesh;
        this.peer = peer;
        this.heartbeats = heartbeats;
        this.onUnsubscribed = onUnsubscribed;
    }

    void describe(ControlMessage describe) {
        StreamConfig stream = servedStream(describe.requireString("stream"));
        describeTopic(stream).onSuccess(topic -> socket.writeTextMessage(ControlMessage.of(Type.DESCRIBED)
                .put("stream", stream.name())
                .put("topic", topic.name())
                .put("partitions", topic.partitions())
                .put("configs", new JsonObject(new HashMap<>(topic.configs())))
                .encode()));
    }

    void subscribe(ControlMessage subscribe) {
        StreamConfig stream = servedStream(subscribe.requireString("stream"));
        int subscription = (int) subscribe.requireLong("subscription");
        Map<Integer, Long> positions = ControlMessage.partitionOffsets(subscribe.requireObject("positions"),
                "subscribe to '" + stream.name() + "'");
        StreamPublisher previous = publishers.remove(stream.name());
        Future<Void> stopped = previous == null ? Future.succeededFuture() : previous.close();
        stopped.compose(v -> describeTopic(stream)).compose(topic -> {
            StreamPublisher publisher = new StreamPublisher(vertx, cluster, stream.name(), topic.name(), subscription,
                    peer.get(), mesh.get().links(), writer(), failure -> onPublisherFailed(stream.name(), failure));
            publishers.put(stream.name(), publisher);
            heartbeats.track(stream.name(), topic);
            return publisher.start(topic.partitions(), positions, (partition, from, to) -> reportGap(stream.name(), partition, from, to));
        }).onSuccess(v -> Events.info(LOG, "link.subscription.started", "peer", peer.get(), "stream", stream.name(),
                "subscription", subscription, "positions", positions))
          .onFailure(failure -> onPublisherFailed(stream.name(), failure));
    }

    void unsubscribe(String stream) {
        end(stream, "unsubscribed by peer");
    }

    private void end(String stream, String reason) {
        StreamPublisher publisher = publishers.remove(stream);
        if (publisher != null) {
            publisher.close();
            heartbeats.untrack(stream);
            onUnsubscribed.accept(stream);
            Events.info(LOG, "link.subscription.ended", "peer", peer.get(), "stream", stream, "reason", reason);
        }
    }

    /** The mesh config was reloaded: streams this peer may no longer receive end their subscription. */
    void endNoLongerServed() {
        for (String stream : Map.copyOf(publishers).keySet()) {
            try {
                servedStream(stream);
            } catch (StreamRequestException e) {
                end(stream, "no longer replicated to the peer after a config reload");
                reject(stream, "link.stream.removed", "stream '" + stream + "' is no longer replicated to '"
                        + peer.get() + "' after a config reload in '" + cluster.regionId() + "': " + e.getMessage());
            }
        }
    }

    /**
     * Partitions added to an origin topic must reach replicas too: every few seconds the topics of subscribed
     * streams are described again, and a grown one ends its subscription with {@code link.stream.reshaped}, to
     * which the receiver answers by describing, growing its replica, and subscribing again.
     */
    void checkTopicShapes() {
        for (String stream : Map.copyOf(publishers).keySet()) {
            OriginTopic known = topics.get(stream);
            StreamConfig config = mesh.get().streams().get(stream);
            if (known == null || config == null) {
                continue;
            }
            StreamPublisher checked = publishers.get(stream);
            OriginTopic.describe(cluster, config.topic()).onSuccess(current -> {
                // Only the publisher described here: one the peer started meanwhile may already read the new shape.
                if (current.partitions() != known.partitions() && publishers.get(stream) == checked) {
                    topics.put(stream, current);
                    StreamPublisher publisher = publishers.remove(stream);
                    publisher.close();
                    heartbeats.untrack(stream);
                    Events.info(LOG, "link.stream.reshaped", "peer", peer.get(), "stream", stream,
                            "partitionsBefore", known.partitions(), "partitionsNow", current.partitions());
                    sendStreamNotice(stream, "link.stream.reshaped", "topic '" + config.topic() + "' of stream '" + stream
                            + "' now has " + current.partitions() + " partitions (was " + known.partitions()
                            + "); describe and subscribe again");
                }
            });
        }
    }

    /** The link's write queue has room again: publishers that waited for it poll on. */
    void drained() {
        publishers.values().forEach(StreamPublisher::onDrain);
    }

    void closeAll() {
        publishers.values().forEach(StreamPublisher::close);
        publishers.clear();
    }

    /** Refuses or ends one stream with a stream-scoped error: logged, and told to the peer; the link stays up. */
    void reject(String stream, String code, String message) {
        Events.warn(LOG, "link.stream.rejected", "peer", peer.get(), "stream", stream, "code", code, "message", message);
        sendStreamNotice(stream, code, message);
    }

    private StreamConfig servedStream(String name) {
        return StreamAccess.check(mesh.get(), cluster.regionId(), peer.get(), name);
    }

    /** Describes the stream's topic afresh; when that fails, the peer hears why and the last description stands. */
    private Future<OriginTopic> describeTopic(StreamConfig stream) {
        OriginTopic known = topics.get(stream.name());
        Future<OriginTopic> described = OriginTopic.describe(cluster, stream.topic());
        return described.onSuccess(topic -> topics.put(stream.name(), topic))
                .recover(failure -> {
                    reject(stream.name(), "link.stream.topic-unavailable", "cannot describe topic '"
                            + stream.topic() + "' of stream '" + stream.name() + "' in region '" + cluster.regionId()
                            + "': " + failure.getMessage());
                    return known == null ? Future.failedFuture(new PeerAlreadyTold(failure)) : Future.succeededFuture(known);
                });
    }

    private void reportGap(String stream, int partition, long from, long to) {
        Events.error(LOG, "link.stream.gap", "peer", peer.get(), "stream", stream, "partition", partition,
                "fromOffset", from, "toOffset", to, "records", to - from,
                "cause", "the origin no longer holds these offsets (retention or deleted records) and the peer had not replicated them");
        socket.writeTextMessage(ControlMessage.of(Type.GAP).put("stream", stream).put("partition", partition)
                .put("from", from).put("to", to).encode());
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
        if (failure instanceof PeerAlreadyTold) {
            return;  // logged and sent as what it was; a second error would make the peer retry twice
        }
        // Some failures carry no message (a consumer closed under the reader): their type is the best there is.
        String cause = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
        String code = "link.stream.read-failed";
        Events.warn(LOG, "link.subscription.failed", "peer", peer.get(), "stream", stream, "code", code, "cause", cause);
        sendStreamNotice(stream, code, "reading stream '" + stream + "' in region '" + cluster.regionId()
                + "' failed: " + cause + "; subscribe again to retry");
    }

    /** A subscription failed for a reason the peer already received as a stream error, and that was logged. */
    private static final class PeerAlreadyTold extends RuntimeException {
        PeerAlreadyTold(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** A stream-scoped error the peer acts on (subscribe again), already logged by the caller as what it is. */
    private void sendStreamNotice(String stream, String code, String message) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(ControlMessage.of(Type.ERROR).put("code", code).put("stream", stream)
                    .put("message", message).encode());
        }
    }
}
