package io.meshgate.bench;

/**
 * What one replication system achieved in a run: its bulk throughput and its latency at a fixed rate.
 *
 * @param note              what a reader should know about the row, such as the read-back check; empty when nothing
 * @param childProcessCpuNanos CPU of the whole life of a child process the system ran in (MirrorMaker 2's JVM, meshgate's two gateways), up to
 *                          its stop; 0 for a system inside the benchmark JVM, whose CPU that JVM's own total holds
 * @param latencyJitNanos   CPU of the JIT compiler threads of every JVM (the system's, the brokers', the benchmark's)
 *                          inside the latency window, or -1 when unknown
 * @param latencyStalls     stalls in the latency window: runs of records at least {@link LatencyRecorder#STALL_NANOS} late
 */
record SystemResult(Throughput throughput, LatencyResult latency, String note, long childProcessCpuNanos,
                    long latencyJitNanos, int latencyStalls) {
}
