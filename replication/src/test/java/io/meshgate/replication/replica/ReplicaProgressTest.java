package io.meshgate.replication.replica;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A replica's progress: committed positions from the store and from commits, lag per partition, every region's positions. */
class ReplicaProgressTest {

    private final ReplicaProgress progress = new ReplicaProgress();

    @Test
    void positionsReadFromTheStoreReplaceWhatWasKnown() {
        progress.committed(Map.of(0, 10L, 1, 20L));
        progress.loaded(Map.of(1, 15L));
        assertEquals(Map.of(1, 15L), progress.committed());
    }

    @Test
    void commitsMoveOnlyTheirPartitions() {
        progress.loaded(Map.of(0, 10L, 1, 20L));
        progress.committed(Map.of(1, 25L));
        assertEquals(Map.of(0, 10L, 1, 25L), progress.committed());
    }

    @Test
    void theCommittedViewIsReadOnly() {
        assertThrows(UnsupportedOperationException.class, () -> progress.committed().put(0, 1L));
    }

    @Test
    void partitionsAreListedInOrderWithHowFarBehindTheOriginTheyAre() {
        progress.onHeartbeat(1_000, Map.of(2, 50L, 0, 30L));
        progress.committed(Map.of(0, 30L, 2, 40L));
        assertEquals(List.of(
                new ReplicaStatus.PartitionStatus(0, 30, 30, 0, 500),
                new ReplicaStatus.PartitionStatus(2, 40, 50, 10, -1)), progress.partitions(1_500));
    }

    @Test
    void aPartitionCommittedBeforeAnyHeartbeatHasNoOriginEndYet() {
        progress.loaded(Map.of(0, 7L));
        assertEquals(List.of(new ReplicaStatus.PartitionStatus(0, 7, -1, -1, -1)), progress.partitions(1_000));
    }

    @Test
    void thisRegionsOwnPositionsWinOverWhatTheOriginRelayed() {
        progress.committed(Map.of(0, 12L));
        progress.onRegionsCommitted(Map.of("us-east", Map.of(0, 9L), "ap-south", Map.of(0, 11L)));
        assertEquals(Map.of("us-east", Map.of(0, 12L), "ap-south", Map.of(0, 11L)), progress.regions("us-east"));
        assertEquals(List.of("ap-south", "us-east"), List.copyOf(progress.regions("us-east").keySet()), "sorted by region");
    }
}
