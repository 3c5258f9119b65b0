package io.meshgate.replication.position;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a reader of one stream stands: for every origin region and partition, the next origin offset to read.
 * Origin offsets mean the same in every region (replicas keep partitions and carry the origin offset of every
 * record), so a cursor taken at one region's gateway resumes at any other's with no gap and no duplicate.
 * Partitions a cursor does not name start at their beginning. Immutable; {@link #advance} returns a new cursor.
 */
public record Cursor(String stream, Map<String, Map<Integer, Long>> next) {

    public Cursor {
        Objects.requireNonNull(stream, "stream");
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        next.forEach((origin, partitions) -> {
            Map<Integer, Long> sorted = new TreeMap<>();
            partitions.forEach((partition, offset) -> {
                if (partition < 0 || offset < 0) {
                    throw new IllegalArgumentException("cursor of stream '" + stream + "': origin '" + origin
                            + "' partition " + partition + " offset " + offset + " must both be >= 0");
                }
                sorted.put(partition, offset);
            });
            copy.put(origin, Collections.unmodifiableMap(sorted));
        });
        next = Collections.unmodifiableMap(copy);
    }

    /** The cursor at the beginning of a stream: every partition of every origin from its first record. */
    public static Cursor beginning(String stream) {
        return new Cursor(stream, Map.of());
    }

    /** The next origin offset to read in a partition; 0 when the cursor has not reached that partition yet. */
    public long nextOffset(String origin, int partition) {
        return next.getOrDefault(origin, Map.of()).getOrDefault(partition, 0L);
    }

    /** The cursor just after a record at {@code offset} of an origin partition. */
    public Cursor advance(String origin, int partition, long offset) {
        Map<String, Map<Integer, Long>> moved = new TreeMap<>(next);
        Map<Integer, Long> partitions = new TreeMap<>(moved.getOrDefault(origin, Map.of()));
        partitions.merge(partition, offset + 1, Math::max);
        moved.put(origin, partitions);
        return new Cursor(stream, moved);
    }

    /** The opaque, URL-safe token a client keeps; see {@link CursorCodec}. */
    public String token() {
        return CursorCodec.encode(this);
    }

    /**
     * Whether both cursors stand at the same place: the same next offset for every origin partition either names
     * (a partition one of them does not name stands at 0).
     */
    public boolean samePositions(Cursor other) {
        return covers(this, other) && covers(other, this);
    }

    private static boolean covers(Cursor a, Cursor b) {
        for (Map.Entry<String, Map<Integer, Long>> origin : a.next.entrySet()) {
            for (Map.Entry<Integer, Long> partition : origin.getValue().entrySet()) {
                if (partition.getValue() != b.nextOffset(origin.getKey(), partition.getKey())) {
                    return false;
                }
            }
        }
        return true;
    }
}
