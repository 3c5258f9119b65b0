package io.meshgate.gateway;

import io.meshgate.observability.RecordsBehind;
import io.meshgate.observability.TimeBehind;
import io.meshgate.replication.replica.LinkStatus;
import io.meshgate.replication.replica.ReplicaStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Flattens link status into the per-partition rows of the lag gauges; unknown figures (-1) make no row. */
final class RecordsBehindRows {

    private RecordsBehindRows() {
    }

    static List<RecordsBehind> of(List<LinkStatus> links) {
        List<RecordsBehind> rows = new ArrayList<>();
        forEachPartition(links, (replica, partition) -> {
            if (partition.recordsBehind() >= 0) {
                rows.add(new RecordsBehind(replica.stream(), replica.origin(), partition.partition(), partition.recordsBehind()));
            }
        });
        return rows;
    }

    static List<TimeBehind> timeBehind(List<LinkStatus> links) {
        List<TimeBehind> rows = new ArrayList<>();
        forEachPartition(links, (replica, partition) -> {
            if (partition.millisBehind() >= 0) {
                rows.add(new TimeBehind(replica.stream(), replica.origin(), partition.partition(), partition.millisBehind()));
            }
        });
        return rows;
    }

    private static void forEachPartition(List<LinkStatus> links, BiConsumer<ReplicaStatus, ReplicaStatus.PartitionStatus> action) {
        for (LinkStatus link : links) {
            for (ReplicaStatus replica : link.replicas()) {
                replica.partitions().forEach(partition -> action.accept(replica, partition));
            }
        }
    }
}
