package io.meshgate.gateway;

import io.meshgate.observability.RecordsBehind;
import io.meshgate.observability.TimeBehind;
import io.meshgate.replication.replica.LinkStatus;
import io.meshgate.replication.replica.ReplicaStatus;

import java.util.ArrayList;
import java.util.List;

/** Flattens link status into the per-partition rows of the lag gauges. */
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

    static List<TimeBehind> timeBehind(List<LinkStatus> links) {
        List<TimeBehind> rows = new ArrayList<>();
        for (LinkStatus link : links) {
            for (ReplicaStatus replica : link.replicas()) {
                for (ReplicaStatus.PartitionStatus partition : replica.partitions()) {
                    if (partition.millisBehind() >= 0) {
                        rows.add(new TimeBehind(replica.stream(), replica.origin(), partition.partition(),
                                partition.millisBehind()));
                    }
                }
            }
        }
        return rows;
    }
}
