package io.meshgate.replication.subscribe;

import io.meshgate.replication.position.Cursor;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent records of one stream in this region, in the order the stream's tail read them, shared by every
 * subscriber of the stream on this gateway: a subscriber near the head reads from here instead of from Kafka, so
 * a thousand live subscribers cost one Kafka consumer. Bounded by entries and bytes; the oldest go first, and a
 * subscriber left behind them reads on from Kafka until it is covered again.
 *
 * <p>Written by the tail's thread, read by many event loops: every method is synchronized and short.
 */
final class EventRing {

    /** Where the tail stands: the sequence number of the next entry, the next local offsets and the cursor there. */
    record Head(long nextSeq, Map<TopicPartition, Long> positions, Cursor cursor) {
    }

    private final String stream;
    private final RingEntry[] slots;
    private final long maxBytes;
    private final Map<TopicPartition, Long> coveredFrom = new HashMap<>();
    private final Map<TopicPartition, Long> headPositions = new HashMap<>();
    private Cursor headCursor;
    private long firstSeq;
    private long nextSeq;
    private long bytes;

    EventRing(String stream, int maxEntries, long maxBytes, Cursor startCursor) {
        this.stream = stream;
        this.slots = new RingEntry[maxEntries];
        this.maxBytes = maxBytes;
        this.headCursor = startCursor;
    }

    /** Starts covering a partition from a local offset: every record the tail reads there from then on is here. */
    synchronized void cover(TopicPartition partition, long from) {
        coveredFrom.putIfAbsent(partition, from);
        headPositions.putIfAbsent(partition, from);
    }

    synchronized void append(List<LocalRecord> records) {
        for (LocalRecord record : records) {
            headCursor = headCursor.advance(record.origin(), record.partition(), record.originOffset());
            RingEntry entry = new RingEntry(nextSeq, stream, record, headCursor);
            if (nextSeq - firstSeq == slots.length) {
                evictOldest();
            }
            slots[slot(nextSeq)] = entry;
            nextSeq++;
            bytes += record.sizeBytes();
            headPositions.put(record.local(), record.localOffset() + 1);
            while (bytes > maxBytes && nextSeq - firstSeq > 1) {
                evictOldest();
            }
        }
    }

    /** Moves the head past offsets the tail skipped without records (transaction markers, aborted data). */
    synchronized void advanceHead(TopicPartition partition, long position) {
        headPositions.merge(partition, position, Math::max);
    }

    synchronized Head head() {
        return new Head(nextSeq, new HashMap<>(headPositions), headCursor);
    }

    synchronized Map<TopicPartition, Long> headPositions() {
        return new HashMap<>(headPositions);
    }

    synchronized long nextSeq() {
        return nextSeq;
    }

    synchronized long firstSeq() {
        return firstSeq;
    }

    /** Up to {@code max} entries from {@code fromSeq} on; null when some of them were already evicted. */
    synchronized List<RingEntry> read(long fromSeq, int max) {
        if (fromSeq < firstSeq) {
            return null;
        }
        int count = (int) Math.min(max, nextSeq - fromSeq);
        List<RingEntry> entries = new ArrayList<>(Math.max(0, count));
        for (long seq = fromSeq; seq < fromSeq + count; seq++) {
            entries.add(slots[slot(seq)]);
        }
        return entries;
    }

    /**
     * Where a reader at these next local offsets reads on from in the ring without missing a record, or -1 when the
     * ring does not cover it: for every partition the ring covers, the reader must be at or past where the ring's
     * copy starts. One call, so that the check and the place to start hold together: the tail evicts between any two
     * calls, and a reader that checked first and asked for the oldest entry afterwards could start past records it
     * never had.
     */
    synchronized long joinFrom(Map<TopicPartition, Long> positions) {
        return covers(positions) ? firstSeq : -1;
    }

    /**
     * Whether a reader at these next local offsets can read on from the ring without missing a record: for every
     * partition the ring covers, the reader is at or past where the ring's copy starts.
     */
    synchronized boolean covers(Map<TopicPartition, Long> positions) {
        for (Map.Entry<TopicPartition, Long> covered : coveredFrom.entrySet()) {
            if (positions.getOrDefault(covered.getKey(), 0L) < covered.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The timestamp of the first entry at or after {@code fromSeq} from {@code origin}, looking at most {@code limit} entries ahead. */
    synchronized Long firstTimestamp(long fromSeq, String origin, int limit) {
        for (long seq = Math.max(fromSeq, firstSeq); seq < nextSeq && seq < fromSeq + limit; seq++) {
            LocalRecord record = slots[slot(seq)].record;
            if (record.origin().equals(origin)) {
                return record.timestamp();
            }
        }
        return null;
    }

    private void evictOldest() {
        RingEntry oldest = slots[slot(firstSeq)];
        slots[slot(firstSeq)] = null;
        firstSeq++;
        bytes -= oldest.record.sizeBytes();
        coveredFrom.put(oldest.record.local(), oldest.record.localOffset() + 1);
    }

    private int slot(long seq) {
        return (int) (seq % slots.length);
    }
}
