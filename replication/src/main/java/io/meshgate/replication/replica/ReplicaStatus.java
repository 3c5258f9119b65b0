package io.meshgate.replication.replica;

import java.util.List;
import java.util.Map;

/**
 * The state of one replica (one origin's share of one stream in this region), as {@code /v1/mesh} and the
 * metrics show it. Offsets and lag are -1 where not known yet (before the first heartbeat or commit).
 * {@code regionsCommitted} holds, per region that receives this origin's share, the next origin offset it has
 * committed per partition: this region's own, and the others' as the origin last relayed them.
 */
public record ReplicaStatus(String stream, String origin, String replicaTopic, String state, String lastError,
                            List<PartitionStatus> partitions, Map<String, Map<Integer, Long>> regionsCommitted) {

    public ReplicaStatus {
        partitions = List.copyOf(partitions);
        regionsCommitted = Map.copyOf(regionsCommitted);
    }

    /** One partition: next origin offset to replicate, origin log end, and how far behind that is. */
    public record PartitionStatus(int partition, long replicatedNext, long originLogEnd, long recordsBehind,
                                  long millisBehind) {
    }
}
