package io.meshgate.bench;

import java.util.Arrays;

/**
 * Latencies kept whole, a long per delivered record, and sorted only when asked: exact percentiles with no
 * histogram library. Not thread-safe: one owner adds, and hands the samples over once it is done.
 */
final class LatencySamples {

    private long[] nanos;
    private int count;

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

    /** Every sample of {@code all}, merged and sorted ascending. */
    static long[] sorted(Iterable<LatencySamples> all) {
        int total = 0;
        for (LatencySamples samples : all) {
            total += samples.count;
        }
        long[] merged = new long[total];
        int at = 0;
        for (LatencySamples samples : all) {
            System.arraycopy(samples.nanos, 0, merged, at, samples.count);
            at += samples.count;
        }
        Arrays.sort(merged);
        return merged;
    }
}
