package io.meshgate.bench;

/**
 * One measured bulk transfer: how many records and bytes, how long, and what it cost in CPU.
 *
 * @param system            the row name in the table
 * @param records           records transferred (fewer than {@code expected} when the run timed out)
 * @param expected          records that should have been transferred
 * @param bytes             value bytes transferred
 * @param nanos             from the start of the system until the last record was visible
 * @param firstRecordNanos  from the start until the first record was visible, or -1 when not measured
 * @param systemCpuNanos    CPU of the process doing the transfer (client, MirrorMaker 2 or gateways), -1 if unknown
 * @param brokerCpuNanos    CPU of both brokers meanwhile, -1 if unknown
 */
record Throughput(String system, long records, long expected, long bytes, long nanos, long firstRecordNanos,
                  long systemCpuNanos, long systemJitNanos, long brokerCpuNanos) {

    static final double MB = 1_000_000.0;

    boolean complete() {
        return records >= expected;
    }

    double seconds() {
        return nanos / 1e9;
    }

    double megabytes() {
        return bytes / MB;
    }

    double recordsPerSecond() {
        return records / seconds();
    }

    double megabytesPerSecond() {
        return megabytes() / seconds();
    }

    /** The rate once data flowed, leaving out start-up (JVM, connector or link set-up); NaN if not measured. */
    double steadyRecordsPerSecond() {
        if (firstRecordNanos < 0 || nanos <= firstRecordNanos) {
            return Double.NaN;
        }
        return records / ((nanos - firstRecordNanos) / 1e9);
    }
}
