package io.meshgate.replication.position;

import io.meshgate.replication.protocol.LinkProtocol;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Finds where to start reading a replica partition so that the first record read is the first one at or after a
 * given origin offset: how a cursor (origin offsets) becomes a position in this region's replica topic (local
 * offsets, shifted by transaction markers and aborted writes). Origin offsets grow with replica offsets, so a
 * binary search over the replica's offsets, probing one committed record at a time, needs O(log n) fetches.
 *
 * <p>Blocking, and uses the given consumer (read-committed, not subscribed): call it from a worker thread.
 */
public final class ReplicaSeek {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;

    public ReplicaSeek(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /**
     * The replica offset of the first committed record whose origin offset is at least {@code originOffset}, or the
     * replica's end offset when there is none yet (the cursor is ahead of this region: read on from the end).
     */
    public long replicaOffsetFor(TopicPartition partition, long originOffset) {
        consumer.assign(List.of(partition));
        long low = consumer.beginningOffsets(List.of(partition), PROBE_TIMEOUT).get(partition);
        long high = consumer.endOffsets(List.of(partition), PROBE_TIMEOUT).get(partition);
        long answer = high;
        // Invariant: every committed record before `low` has an origin offset below the target.
        while (low < high) {
            long middle = low + (high - low) / 2;
            Probe probe = probe(partition, middle, high);
            if (probe == null) {
                high = middle;  // nothing committed in [middle, high): the answer lies before middle or is `answer`
            } else if (probe.originOffset() >= originOffset) {
                answer = probe.replicaOffset();
                high = middle;
            } else {
                low = probe.replicaOffset() + 1;
            }
        }
        return answer;
    }

    /**
     * The origin offset of the first committed record at or after replica offset {@code localOffset}, or the
     * partition's next origin offset when there is none (everything before the end was deleted or aborted).
     */
    public long originOffsetAt(TopicPartition partition, long localOffset) {
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), PROBE_TIMEOUT).get(partition);
        Probe probe = probe(partition, localOffset, end);
        return probe != null ? probe.originOffset() : originNextBefore(partition, end);
    }

    /**
     * The next origin offset after everything committed before replica offset {@code localPosition}: what a cursor
     * says for a reader positioned there. Reads backwards in doubling steps until it finds a committed record;
     * 0 when there is none before (the start of the replica).
     */
    public long originNextBefore(TopicPartition partition, long localPosition) {
        consumer.assign(List.of(partition));
        long logStart = consumer.beginningOffsets(List.of(partition), PROBE_TIMEOUT).get(partition);
        for (long step = 1; localPosition - step + 1 > logStart; step *= 2) {
            long from = Math.max(logStart, localPosition - step);
            Long last = lastOriginOffset(partition, from, localPosition);
            if (last != null) {
                return last + 1;
            }
        }
        return 0;
    }

    private Long lastOriginOffset(TopicPartition partition, long from, long end) {
        consumer.seek(partition, from);
        Long last = null;
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        while (consumer.position(partition, PROBE_TIMEOUT) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (record.offset() < end) {
                    last = originOffset(record);
                }
            }
        }
        return last;
    }

    /** The first committed record at or after {@code offset} and before {@code end}, or null if there is none. */
    private Probe probe(TopicPartition partition, long offset, long end) {
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        while (consumer.position(partition, PROBE_TIMEOUT) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (record.offset() >= end) {
                    return null;
                }
                return new Probe(record.offset(), originOffset(record));
            }
        }
        return null;
    }

    /** The origin offset a replica record carries in its {@code meshgate.origin.offset} header. */
    public static long originOffset(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(LinkProtocol.ORIGIN_OFFSET_HEADER);
        if (header == null) {
            throw new IllegalStateException("record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " has no " + LinkProtocol.ORIGIN_OFFSET_HEADER + " header: it was not written by meshgate");
        }
        return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
    }

    private record Probe(long replicaOffset, long originOffset) {
    }
}
