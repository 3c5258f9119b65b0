package io.meshgate.bench;

import java.util.Arrays;

/**
 * Latencies kept whole, one long per sample, sorted at the end: exact percentiles with no histogram library.
 * Not thread-safe: one owner adds (a consumer thread, an event loop), or callers synchronize.
 */
final class LatencySamples {

    private long[] nanos;
    private int count;

    LatencySamples(int expected) {
        this.nanos = new long[Math.max(16, expected)];
    }

    void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    int count() {
        return count;
    }

    /** The samples so far, sorted ascending. */
    long[] sorted() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The samples of every one of {@code parts}, sorted ascending. */
    static long[] sorted(Iterable<LatencySamples> parts) {
        LatencySamples all = new LatencySamples(16);
        for (LatencySamples part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.add(part.nanos[i]);
            }
        }
        return all.sorted();
    }
}
