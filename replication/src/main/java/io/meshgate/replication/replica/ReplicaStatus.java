package io.meshgate.replication.replica;

import java.util.List;

/**
 * The state of one replica (one origin's share of one stream in this region), as {@code /v1/mesh} and the
 * metrics show it. Offsets and lag are -1 where not known yet (before the first heartbeat or commit).
 */
public record ReplicaStatus(String stream, String origin, String replicaTopic, String state, String lastError,
                            List<PartitionStatus> partitions) {

    public ReplicaStatus {
        partitions = List.copyOf(partitions);
    }

    /** One partition: next origin offset to replicate, origin log end, and how far behind that is. */
    public record PartitionStatus(int partition, long replicatedNext, long originLogEnd, long recordsBehind,
                                  long millisBehind) {
    }
}
