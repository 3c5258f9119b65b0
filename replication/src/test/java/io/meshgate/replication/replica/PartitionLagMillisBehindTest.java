package io.meshgate.replication.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Time behind = age of the newest heartbeat whose log end the replica has committed, so it reads 0-ish when caught
 * up, the real delay when behind, and grows with the clock when the origin goes silent.
 */
class PartitionLagMillisBehindTest {

    private final PartitionLag lag = new PartitionLag();

    @Test
    void unknownBeforeAnyHeartbeat() {
        assertEquals(-1, lag.millisBehind(5_000));
        lag.onCommitted(10);
        assertEquals(-1, lag.millisBehind(5_000));
    }

    @Test
    void unknownWhileNoHeartbeatWasEverFullyCommitted() {
        lag.onHeartbeat(40, 1_000);
        lag.onCommitted(39);
        assertEquals(-1, lag.millisBehind(5_000));
    }

    @Test
    void caughtUpIsTheAgeOfTheLastHeartbeat() {
        lag.onCommitted(40);
        lag.onHeartbeat(40, 1_000);
        assertEquals(250, lag.millisBehind(1_250));
        lag.onHeartbeat(40, 2_000);
        assertEquals(100, lag.millisBehind(2_100));
    }

    @Test
    void behindIsTheAgeOfTheNewestHeartbeatWhoseLogEndIsCommitted() {
        lag.onHeartbeat(10, 1_000);
        lag.onHeartbeat(20, 2_000);
        lag.onHeartbeat(30, 3_000);
        lag.onCommitted(25);
        assertEquals(3_000, lag.millisBehind(5_000), "heartbeat of t=2000 (log end 20) is the newest fully committed");
        lag.onCommitted(30);
        assertEquals(2_000, lag.millisBehind(5_000));
    }

    @Test
    void commitExactlyAtALogEndCountsThatHeartbeat() {
        lag.onHeartbeat(10, 1_000);
        lag.onCommitted(10);
        assertEquals(500, lag.millisBehind(1_500));
    }

    @Test
    void silentLinkGrowsStalerWithTheClock() {
        lag.onCommitted(40);
        lag.onHeartbeat(40, 1_000);
        assertEquals(1_000, lag.millisBehind(2_000));
        assertEquals(61_000, lag.millisBehind(62_000));
    }

    @Test
    void newerHeartbeatsNotYetCommittedDoNotMakeTheReplicaLookFresher() {
        lag.onCommitted(10);
        lag.onHeartbeat(10, 1_000);
        lag.onHeartbeat(20, 2_000);
        lag.onHeartbeat(30, 3_000);
        assertEquals(3_000, lag.millisBehind(4_000));
    }

    @Test
    void emptyPartitionIsCaughtUpAsOfItsHeartbeat() {
        lag.onHeartbeat(0, 1_000);
        assertEquals(300, lag.millisBehind(1_300));
    }

    @Test
    void clockBehindTheOriginReadsZeroNotNegative() {
        lag.onHeartbeat(0, 1_000);
        assertEquals(0, lag.millisBehind(900));
    }
}
