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

    @Test
    void aReaderJoinsAtTheOldestEntryOnlyWhenTheRingCoversIt() {
        EventRing ring = new EventRing("orders", 3, 1 << 20, Cursor.beginning("orders"));
        ring.cover(P0, 0);
        ring.append(List.of(record(P0, 0), record(P0, 1), record(P0, 2), record(P0, 3), record(P0, 4)));
        assertEquals(-1, ring.joinFrom(Map.of(P0, 1L)), "offset 1 is no longer in the ring");
        assertEquals(2, ring.joinFrom(Map.of(P0, 2L)));
        assertEquals(2, ring.joinFrom(Map.of(P0, 9L)));
    }

    /**
     * The tail evicts while readers join: a reader that joins must find, from where it joined, every record at or
     * after its position. The reader here stands at the ring's oldest records, where every append evicts past it. Checking coverage and then asking for the oldest entry in a second call broke this (a
     * subscriber skipped 60 records in a CI run while the ring turned over under it).
     */
    @Test
    void joiningWhileTheTailEvictsNeverStartsPastARecordTheReaderLacks() throws Exception {
        EventRing ring = new EventRing("orders", 16, 1 << 20, Cursor.beginning("orders"));
        ring.cover(P0, 0);
        int records = 200_000;
        Thread tail = new Thread(() -> {
            for (long offset = 0; offset < records; offset++) {
                ring.append(List.of(record(P0, offset)));
            }
        });
        tail.start();
        long joins = 0;
        while (tail.isAlive() || joins == 0) {
            long position = ring.headPositions().getOrDefault(P0, 0L) - 15;  // a reader at the ring's oldest records
            long joinAt = ring.joinFrom(Map.of(P0, Math.max(0, position)));
            if (joinAt < 0) {
                continue;
            }
            joins++;
            List<RingEntry> entries = ring.read(joinAt, 1);
            if (entries != null && !entries.isEmpty()) {
                long first = entries.get(0).record.localOffset();
                assertTrue(first <= Math.max(0, position), "joined at offset " + first + ", past position " + position);
            }
        }
        tail.join();
        assertTrue(joins > 0);
    }

    private static LocalRecord record(TopicPartition partition, long offset) {
        return record(partition, offset, 100);
    }

    private static LocalRecord record(TopicPartition partition, long offset, int size) {
        return new LocalRecord(partition, offset, "eu-west", offset, 1_000 + offset, null, new byte[0], List.of(), size);
    }
}
