package io.meshgate.replication.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Records behind = origin log end from the last heartbeat minus the committed next offset. */
class PartitionLagRecordsBehindTest {

    private final PartitionLag lag = new PartitionLag();

    @Test
    void unknownBeforeAnyHeartbeat() {
        assertEquals(-1, lag.recordsBehind());
        lag.onCommitted(10);
        assertEquals(-1, lag.recordsBehind(), "commits alone say nothing about the origin");
    }

    @Test
    void wholeLogIsBehindWhenNothingWasCommitted() {
        lag.onHeartbeat(40, 1_000);
        assertEquals(40, lag.recordsBehind());
    }

    @Test
    void commitsReduceRecordsBehind() {
        lag.onHeartbeat(40, 1_000);
        lag.onCommitted(25);
        assertEquals(15, lag.recordsBehind());
        lag.onCommitted(40);
        assertEquals(0, lag.recordsBehind());
    }

    @Test
    void laterHeartbeatRaisesRecordsBehind() {
        lag.onCommitted(40);
        lag.onHeartbeat(40, 1_000);
        assertEquals(0, lag.recordsBehind());
        lag.onHeartbeat(55, 2_000);
        assertEquals(15, lag.recordsBehind());
    }

    @Test
    void committedAheadOfAStaleHeartbeatIsNotNegative() {
        lag.onHeartbeat(10, 1_000);
        lag.onCommitted(30);
        assertEquals(0, lag.recordsBehind());
        assertEquals(30, lag.originEnd(), "the origin holds at least what was replicated from it");
    }

    @Test
    void emptyPartitionIsCaughtUp() {
        lag.onHeartbeat(0, 1_000);
        assertEquals(0, lag.recordsBehind());
        assertEquals(0, lag.originEnd());
        assertEquals(-1, lag.committedNext());
    }
}
