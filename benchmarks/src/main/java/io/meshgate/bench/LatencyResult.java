package io.meshgate.bench;

/**
 * End-to-end latency of one system at a fixed rate: from the producer's send on the origin to a read-committed
 * consumer's receipt on the target, over every record sent inside the measurement window.
 *
 * @param system   the row name in the table
 * @param sent     records sent inside the window
 * @param received of those, records received before the wait for stragglers ended
 */
record LatencyResult(String system, long sent, long received, long p50Nanos, long p99Nanos, long maxNanos) {

    static LatencyResult of(String system, long sent, long[] sortedNanos) {
        if (sortedNanos.length == 0) {
            return new LatencyResult(system, sent, 0, -1, -1, -1);
        }
        return new LatencyResult(system, sent, sortedNanos.length, percentile(sortedNanos, 50),
                percentile(sortedNanos, 99), sortedNanos[sortedNanos.length - 1]);
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p}% of the values at or below it. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    boolean complete() {
        return received >= sent;
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
