package io.meshgate.replication.subscribe;

import io.meshgate.replication.position.Cursor;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRingTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    @Test
    void entriesCarryTheCursorAfterThemAndTheHeadMovesWithThem() {
        EventRing ring = new EventRing("orders", 10, 1 << 20, Cursor.beginning("orders"));
        ring.cover(P0, 5);
        ring.cover(P1, 0);
        ring.append(List.of(record(P0, 5), record(P1, 0), record(P0, 6)));

        List<RingEntry> entries = ring.read(0, 10);
        assertEquals(3, entries.size());
        assertEquals(6, entries.get(0).cursorAfter.nextOffset("eu-west", 0));
        assertEquals(0, entries.get(0).cursorAfter.nextOffset("eu-west", 1));
        assertEquals(7, entries.get(2).cursorAfter.nextOffset("eu-west", 0));
        assertEquals(1, entries.get(2).cursorAfter.nextOffset("eu-west", 1));
        EventRing.Head head = ring.head();
        assertEquals(3, head.nextSeq());
        assertEquals(Map.of(P0, 7L, P1, 1L), head.positions());
        assertTrue(head.cursor().samePositions(entries.get(2).cursorAfter));
        assertEquals(List.of(), ring.read(3, 10), "nothing after the head yet");
    }

    @Test
    void theOldestEntriesGoFirstAndAReaderBehindThemIsToldSo() {
        EventRing ring = new EventRing("orders", 3, 1 << 20, Cursor.beginning("orders"));
        ring.cover(P0, 0);
        ring.append(List.of(record(P0, 0), record(P0, 1), record(P0, 2), record(P0, 3), record(P0, 4)));

        assertEquals(2, ring.firstSeq());
        assertNull(ring.read(1, 10), "entry 1 was evicted");
        assertEquals(3, ring.read(2, 10).size());
        assertFalse(ring.covers(Map.of(P0, 1L)), "offset 1 is no longer in the ring");
        assertTrue(ring.covers(Map.of(P0, 2L)));
        assertTrue(ring.covers(Map.of(P0, 9L)), "ahead of the ring is covered: it reads on as records come");
    }

    @Test
    void aByteBoundEvictsToo() {
        EventRing ring = new EventRing("orders", 1_000, 1_000, Cursor.beginning("orders"));
        ring.cover(P0, 0);
        ring.append(List.of(record(P0, 0, 600), record(P0, 1, 600), record(P0, 2, 600)));
        assertEquals(2, ring.firstSeq(), "only the newest fits in 1000 bytes");
        assertFalse(ring.covers(Map.of(P0, 0L)));
    }

    @Test
    void everyCoveredPartitionMustBeCoveredForAReaderToJoin() {
        EventRing ring = new EventRing("orders", 10, 1 << 20, Cursor.beginning("orders"));
        ring.cover(P0, 10);
        ring.cover(P1, 20);
        assertFalse(ring.covers(Map.of(P0, 10L)), "a partition the reader has not started is at 0, before 20");
        assertTrue(ring.covers(Map.of(P0, 10L, P1, 20L)));
    }

    @Test
    void oldestUndeliveredTimestampIsFoundPerOrigin() {
        EventRing ring = new EventRing("orders", 10, 1 << 20, Cursor.beginning("orders"));
        ring.cover(P0, 0);
        ring.append(List.of(record(P0, 0), record(P0, 1)));
        assertEquals(1_001L, ring.firstTimestamp(1, "eu-west", 10));
        assertNull(ring.firstTimestamp(1, "us-east", 10));
    }

    private static LocalRecord record(TopicPartition partition, long offset) {
        return record(partition, offset, 100);
    }

    private static LocalRecord record(TopicPartition partition, long offset, int size) {
        return new LocalRecord(partition, offset, "eu-west", offset, 1_000 + offset, null, new byte[0], List.of(), size);
    }
}
