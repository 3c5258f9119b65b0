package io.meshgate.bench;

/**
 * What one load phase measured: requests (or in-process operations) completed among those started inside the
 * window, how many were wrong, their latency, and the CPU the answering side and the load generator used meanwhile.
 *
 * @param name           the row name in the table
 * @param concurrency    connections (HTTP) or threads (in-process), each with one request in flight
 * @param firstError     what was wrong with the first wrong answer, or null
 * @param serverCpuNanos CPU of the answering gateway process during the window, or -1 (in-process, or unknown)
 * @param clientCpuNanos CPU of the benchmark JVM (the load generator) during the window, or -1 when unknown
 */
record LoadResult(String name, int concurrency, long requests, long errors, String firstError, long windowNanos,
                  long p50Nanos, long p99Nanos, long maxNanos, long serverCpuNanos, long clientCpuNanos) {

    static LoadResult of(String name, int concurrency, long errors, String firstError, long windowNanos, long[] sortedNanos,
                         long serverCpuNanos, long clientCpuNanos) {
        if (sortedNanos.length == 0) {
            return new LoadResult(name, concurrency, 0, errors, firstError, windowNanos, -1, -1, -1, serverCpuNanos,
                    clientCpuNanos);
        }
        return new LoadResult(name, concurrency, sortedNanos.length, errors, firstError, windowNanos,
                LatencyResult.percentile(sortedNanos, 50), LatencyResult.percentile(sortedNanos, 99),
                sortedNanos[sortedNanos.length - 1], serverCpuNanos, clientCpuNanos);
    }

    double perSecond() {
        return requests * 1e9 / windowNanos;
    }

    /** Cores the answering gateway kept busy on average over the window; NaN when not measured. */
    double serverCores() {
        return serverCpuNanos < 0 ? Double.NaN : (double) serverCpuNanos / windowNanos;
    }

    double clientCores() {
        return clientCpuNanos < 0 ? Double.NaN : (double) clientCpuNanos / windowNanos;
    }
}
