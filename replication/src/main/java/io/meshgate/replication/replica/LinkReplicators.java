package io.meshgate.replication.replica;

import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.LinkProtocolException;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * The streams one link carries, each with its replicator, in the order they were added (status and logs list them
 * so), and the streams it stopped carrying: batches of those may still be in flight from the origin, and are
 * dropped rather than taken for a violation.
 *
 * <p>Not thread-safe: confined to its link's event loop.
 */
final class LinkReplicators {

    private final String peer;
    private final Map<String, StreamReplicator> byStream = new LinkedHashMap<>();
    private final Set<String> unsubscribed = new HashSet<>();

    LinkReplicators(String peer, List<StreamReplicator> replicators) {
        this.peer = peer;
        replicators.forEach(replicator -> byStream.put(replicator.stream(), replicator));
    }

    /** The replicator of {@code stream}, or null if this link does not carry it. */
    StreamReplicator get(String stream) {
        return byStream.get(stream);
    }

    void add(StreamReplicator replicator) {
        byStream.put(replicator.stream(), replicator);
        unsubscribed.remove(replicator.stream());
    }

    /** Removes the stream's replicator and returns it, or null if there was none. */
    StreamReplicator remove(String stream) {
        StreamReplicator replicator = byStream.remove(stream);
        if (replicator != null) {
            unsubscribed.add(stream);
        }
        return replicator;
    }

    /**
     * The replicator a batch of {@code stream} goes to; null if the batch is to be dropped, since this link stopped
     * carrying the stream while the batch was in flight. Throws for a stream this link never carried.
     */
    StreamReplicator forBatchOf(String stream) {
        StreamReplicator replicator = byStream.get(stream);
        if (replicator == null && !unsubscribed.contains(stream)) {
            throw new LinkProtocolException("link.stream.unsubscribed", "received records of stream '"
                    + stream + "' which this region does not replicate from '" + peer + "'");
        }
        return replicator;
    }

    /** A live, read-only view of the stream names. */
    Set<String> streams() {
        return Collections.unmodifiableSet(byStream.keySet());
    }

    Collection<StreamReplicator> all() {
        return Collections.unmodifiableCollection(byStream.values());
    }

    LongStream queuedBytes() {
        return byStream.values().stream().mapToLong(StreamReplicator::queuedBytes);
    }

    /** What each replicator holds, for the report of a long pause. */
    Map<String, String> held() {
        Map<String, String> held = new LinkedHashMap<>();
        byStream.values().forEach(r -> held.put(r.stream(), r.queuedBytes() + " bytes queued, " + r.status().state()));
        return held;
    }

    /** Every stream's committed positions, as a {@code progress} message carries them. */
    JsonObject committedPositions() {
        JsonObject streams = new JsonObject();
        byStream.values().forEach(r -> streams.put(r.stream(), ControlMessage.toJson(r.committedPositions())));
        return streams;
    }

    List<ReplicaStatus> statuses() {
        return byStream.values().stream().map(StreamReplicator::status).toList();
    }
}
