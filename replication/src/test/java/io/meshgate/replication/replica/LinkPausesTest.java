package io.meshgate.replication.replica;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A link pauses once a replica's queue passes the high-water mark and resumes once every queue is below the low one. */
class LinkPausesTest {

    private static final long HIGH = StreamReplicator.QUEUE_HIGH_WATER_BYTES;
    private static final long LOW = StreamReplicator.QUEUE_LOW_WATER_BYTES;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private long now = 1_000;
    private final LinkPauses pauses = new LinkPauses("eu-west", IDLE_TIMEOUT, () -> now);

    @Test
    void pausesOnlyAboveTheHighWaterMarkAndOnlyOnce() {
        assertFalse(pauses.pauseIfFull(HIGH), "at the mark, not above it");
        assertFalse(pauses.paused());
        assertTrue(pauses.pauseIfFull(HIGH + 1));
        assertFalse(pauses.pauseIfFull(HIGH + 1), "already paused: the socket must not be paused again");
        assertTrue(pauses.paused());
        assertEquals(1, pauses.count());
        assertEquals(1_000, pauses.pausedSinceMillis());
    }

    @Test
    void resumesOnlyOnceEveryQueueIsBelowTheLowWaterMark() {
        pauses.pauseIfFull(HIGH + 1);
        assertFalse(pauses.resumeIfDrained(LongStream.of(0, LOW)), "one replica still holds the low-water mark");
        assertTrue(pauses.paused());
        assertTrue(pauses.resumeIfDrained(LongStream.of(0, LOW - 1)));
        assertFalse(pauses.paused());
        assertEquals(0, pauses.pausedSinceMillis());
        assertEquals(1, pauses.count(), "the count stays for the link's status");
    }

    @Test
    void aLinkThatWasNotPausedIsNotResumed() {
        assertFalse(pauses.resumeIfDrained(LongStream.of(0)));
    }

    @Test
    void eachPauseCountsAndStartsAnew() {
        pauses.pauseIfFull(HIGH + 1);
        pauses.resumeIfDrained(LongStream.of(0));
        now = 5_000;
        assertTrue(pauses.pauseIfFull(HIGH + 1));
        assertEquals(2, pauses.count());
        assertEquals(5_000, pauses.pausedSinceMillis());
    }

    @Test
    void aDroppedLinkIsNoLongerPaused() {
        pauses.pauseIfFull(HIGH + 1);
        pauses.reset();
        assertFalse(pauses.paused());
        assertEquals(0, pauses.pausedSinceMillis());
        assertTrue(pauses.pauseIfFull(HIGH + 1), "the next connection pauses afresh");
    }

    @Test
    void aPauseLongerThanTheIdleTimeoutIsReportedOnceWithWhatTheReplicasHold() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<Map<String, String>> held = () -> {
            asked.incrementAndGet();
            return Map.of("orders", HIGH + " bytes queued, replicating");
        };
        pauses.reportIfLong(held);
        assertEquals(0, asked.get(), "not paused: nothing to report");
        pauses.pauseIfFull(HIGH + 1);
        now += IDLE_TIMEOUT.toMillis();
        pauses.reportIfLong(held);
        assertEquals(0, asked.get(), "as long as the idle timeout is not long yet");
        now += 1;
        pauses.reportIfLong(held);
        pauses.reportIfLong(held);
        assertEquals(1, asked.get(), "said once per pause");
        pauses.resumeIfDrained(LongStream.of(0));
        pauses.pauseIfFull(HIGH + 1);
        now += IDLE_TIMEOUT.toMillis() + 1;
        pauses.reportIfLong(held);
        assertEquals(2, asked.get(), "a later long pause is said again");
    }
}
