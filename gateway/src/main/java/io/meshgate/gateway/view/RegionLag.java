package io.meshgate.gateway.view;

import com.hazelcast.map.IMap;
import io.meshgate.replication.ReplicationVerticle;
import io.meshgate.replication.replica.LinkStatus;
import io.meshgate.replication.replica.ReplicaStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How far this region's replica of one origin's share of a stream is behind the origin, as computed from the
 * origin's heartbeats by whichever instance of the region replicates it. In a region of several instances each
 * publishes what it replicates to a shared Hazelcast map every second, so every instance can tell, whoever
 * replicates.
 */
final class RegionLag {

    private static final long PUBLISHED_TRUSTED_MS = 5_000;

    /** What one instance said about one replica: its lag and when it said so. */
    record Published(long millisBehind, long at) implements java.io.Serializable {
    }

    private final Supplier<List<LinkStatus>> status;
    private final IMap<String, Published> board;
    private volatile Map<String, Published> seen = Map.of();

    /** {@code board} is null in a region of one instance. */
    RegionLag(ReplicationVerticle replication, IMap<String, Published> board) {
        this.status = replication::lastStatus;
        this.board = board;
    }

    /** The lag in ms, null when nobody in the region knows it (yet). */
    Long millisBehind(String stream, String origin) {
        Long here = fromStatus(status.get()).get(stream + "|" + origin);
        if (here != null || board == null) {
            return here;
        }
        Published published = seen.get(stream + "|" + origin);
        return published == null || System.currentTimeMillis() - published.at() > PUBLISHED_TRUSTED_MS
                ? null : published.millisBehind();
    }

    /**
     * Puts what this instance replicates on the board and takes a copy of what the others put there; call every
     * second or so, from a worker thread (both are network calls).
     */
    void publish() {
        if (board != null) {
            long now = System.currentTimeMillis();
            fromStatus(status.get()).forEach((key, lag) -> board.set(key, new Published(lag, now)));
            seen = Map.copyOf(new HashMap<>(board));
        }
    }

    private static Map<String, Long> fromStatus(List<LinkStatus> links) {
        Map<String, Long> lags = new HashMap<>();
        for (LinkStatus link : links) {
            for (ReplicaStatus replica : link.replicas()) {
                replica.partitions().stream().mapToLong(ReplicaStatus.PartitionStatus::millisBehind).filter(ms -> ms >= 0)
                        .max().ifPresent(max -> lags.put(replica.stream() + "|" + replica.origin(), max));
            }
        }
        return lags;
    }
}
