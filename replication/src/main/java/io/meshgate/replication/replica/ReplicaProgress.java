package io.meshgate.replication.replica;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far one replica has come: the next origin offset committed per partition, how far each partition is behind
 * its origin ({@link PartitionLag}), and what the origin last relayed of the other regions' committed positions.
 * The committed positions are the ones the replicator resumes from, so they change only when the store was read or
 * a transaction committed; the lag follows both them and the origin's heartbeats.
 *
 * <p>Not thread-safe: confined to the replicator's event loop.
 */
final class ReplicaProgress {

    private final Map<Integer, Long> committed = new HashMap<>();
    private final Map<Integer, PartitionLag> lag = new TreeMap<>();
    private Map<String, Map<Integer, Long>> regionsCommitted = Map.of();

    /** The positions read from the store replace whatever was known, since a writer may have committed since. */
    void loaded(Map<Integer, Long> positions) {
        committed.clear();
        committed.putAll(positions);
        positions.forEach((partition, next) -> lagOf(partition).onCommitted(next));
    }

    void committed(Map<Integer, Long> positionsAfter) {
        committed.putAll(positionsAfter);
        positionsAfter.forEach((partition, next) -> lagOf(partition).onCommitted(next));
    }

    void onHeartbeat(long originTime, Map<Integer, Long> logEnds) {
        logEnds.forEach((partition, end) -> lagOf(partition).onHeartbeat(end, originTime));
    }

    /** What the origin relayed of every region's committed positions; our own entry is ours, fresher. */
    void onRegionsCommitted(Map<String, Map<Integer, Long>> byRegion) {
        regionsCommitted = Map.copyOf(byRegion);
    }

    /** The next origin offset committed per partition: a read-only view, copied by whoever keeps it. */
    Map<Integer, Long> committed() {
        return Collections.unmodifiableMap(committed);
    }

    /** Each partition's lag at {@code now}, in partition order. */
    List<ReplicaStatus.PartitionStatus> partitions(long now) {
        List<ReplicaStatus.PartitionStatus> partitions = new ArrayList<>();
        lag.forEach((partition, partitionLag) -> partitions.add(new ReplicaStatus.PartitionStatus(partition,
                partitionLag.committedNext(), partitionLag.originEnd(), partitionLag.recordsBehind(),
                partitionLag.millisBehind(now))));
        return partitions;
    }

    /** Every region's committed positions, with this region's ({@code localRegion}) from here rather than relayed. */
    Map<String, Map<Integer, Long>> regions(String localRegion) {
        Map<String, Map<Integer, Long>> regions = new TreeMap<>(regionsCommitted);
        regions.put(localRegion, Map.copyOf(committed));
        return regions;
    }

    private PartitionLag lagOf(int partition) {
        return lag.computeIfAbsent(partition, p -> new PartitionLag());
    }
}
