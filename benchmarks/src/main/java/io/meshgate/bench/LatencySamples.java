package io.meshgate.bench;

import java.util.Arrays;

/**
 * Latencies kept whole, one long per sample, and sorted only when asked: exact percentiles with no histogram
 * library. Not thread-safe: one owner adds (a consumer thread, an event loop) and hands the samples over once it
 * is done, or callers synchronize.
 */
final class LatencySamples {

    private long[] nanos;
    private int count;

    /** Room for {@code expected} samples and an eighth more, so that a run slightly over its schedule never copies. */
    LatencySamples(int expected) {
        this.nanos = new long[Math.max(16, expected + expected / 8)];
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

    /** Every sample of every one of {@code parts}, merged and sorted ascending. */
    static long[] sorted(Iterable<LatencySamples> parts) {
        int total = 0;
        for (LatencySamples part : parts) {
            total += part.count;
        }
        long[] merged = new long[total];
        int at = 0;
        for (LatencySamples part : parts) {
            System.arraycopy(part.nanos, 0, merged, at, part.count);
            at += part.count;
        }
        Arrays.sort(merged);
        return merged;
    }
}
