package io.meshgate.bench;

import java.util.Arrays;

/**
 * Where the origin producer wrote the records of the measurement window: per partition, the first and last
 * offset. One producer, idempotent, writes each partition in order, so every offset in between is a windowed
 * record and the range is what each subscriber must get, once each, in order. Fed by producer acks.
 */
final class WindowOffsets implements PacedProducer.WindowAck {

    private final long[] first;
    private final long[] last;

    WindowOffsets(int partitions) {
        first = new long[partitions];
        last = new long[partitions];
        Arrays.fill(first, Long.MAX_VALUE);
        Arrays.fill(last, -1);
    }

    @Override
    public synchronized void acked(int partition, long offset) {
        first[partition] = Math.min(first[partition], offset);
        last[partition] = Math.max(last[partition], offset);
    }

    int partitions() {
        return first.length;
    }

    /** The first windowed offset of {@code partition}; no windowed record there when greater than {@link #last}. */
    synchronized long first(int partition) {
        return first[partition];
    }

    synchronized long last(int partition) {
        return last[partition];
    }

    synchronized long records() {
        long total = 0;
        for (int p = 0; p < first.length; p++) {
            total += Math.max(0, last[p] - first[p] + 1);
        }
        return total;
    }
}
