package io.meshgate.gateway;

import io.meshgate.observability.RecordsBehind;
import io.meshgate.replication.replica.LinkStatus;
import io.meshgate.replication.replica.ReplicaStatus;

import java.util.ArrayList;
import java.util.List;

/** Flattens link status into the per-partition rows of the {@code records_behind} gauge. */
final class RecordsBehindRows {

    private RecordsBehindRows() {
    }

    static List<RecordsBehind> of(List<LinkStatus> links) {
        List<RecordsBehind> rows = new ArrayList<>();
        for (LinkStatus link : links) {
            for (ReplicaStatus replica : link.replicas()) {
                for (ReplicaStatus.PartitionStatus partition : replica.partitions()) {
                    if (partition.recordsBehind() >= 0) {
                        rows.add(new RecordsBehind(replica.stream(), replica.origin(), partition.partition(),
                                partition.recordsBehind()));
                    }
                }
            }
        }
        return rows;
    }
}
