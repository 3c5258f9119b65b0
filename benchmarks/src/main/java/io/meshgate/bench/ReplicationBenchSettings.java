package io.meshgate.bench;

import io.meshgate.gateway.cli.CommandLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What one replication benchmark run measures. Immutable; validated on construction so that a run never
 * starts brokers only to fail on a bad number minutes later.
 *
 * @param records        records written into the origin topic and replicated by each system
 * @param recordBytes    size of each record value
 * @param partitions     partitions of every benchmark topic; also MirrorMaker 2's {@code tasks.max}
 * @param rate           records per second the latency phase writes
 * @param latencySeconds how long the latency phase measures, after its warm-up
 * @param latencyWarmupSeconds how long the latency phase writes at its rate before measuring
 * @param skipMm2        measure without the MirrorMaker 2 rows (faster; no peer comparison)
 * @param out            the Markdown file whose {@code ## Replication} section gets the results
 */
record ReplicationBenchSettings(int records, int recordBytes, int partitions, int rate, int latencySeconds,
                                int latencyWarmupSeconds, boolean skipMm2, Path out) {

    static final String NAME = "replication";
    static final int DEFAULT_RECORDS = 1_000_000;
    static final int DEFAULT_RECORD_BYTES = 1024;
    static final int DEFAULT_PARTITIONS = 6;
    static final int DEFAULT_RATE = 10_000;
    static final int DEFAULT_LATENCY_SECONDS = 20;

    static final int MAX_RECORDS = 100_000_000;
    /** Below Kafka's default 1 MiB message size limit, with room for the key and headers. */
    static final int MAX_RECORD_BYTES = 900 * 1024;
    static final int MAX_PARTITIONS = 256;
    static final int MAX_RATE = 1_000_000;
    static final int MAX_LATENCY_SECONDS = 3600;

    /**
     * Sent at the latency rate before measuring, so that both systems are connected and warm: each starts fresh for its
     * throughput run, which is over in well under the minute that a fresh JVM's JIT compilers take on this machine
     * (see {@link PushBenchSettings#DEFAULT_WARMUP_SECONDS}). The report shows what the compilers still used inside
     * each window.
     */
    static final int DEFAULT_LATENCY_WARMUP_SECONDS = 30;
    /** Heap of each broker JVM; the default 512 MiB is tight under a gigabyte of fresh writes. */
    static final int BROKER_HEAP_MB = 1024;
    static final int MIRROR_MAKER_HEAP_MB = 1024;

    private static final Set<String> VALUED = Set.of("records", "record-bytes", "partitions", "rate", "latency-seconds",
            "latency-warmup-seconds", "out");
    private static final Set<String> FLAGS = Set.of("skip-mm2");

    ReplicationBenchSettings {
        SettingsChecks.requireRange(NAME, "records", records, 1, MAX_RECORDS);
        SettingsChecks.requireRange(NAME, "recordBytes", recordBytes, 1, MAX_RECORD_BYTES);
        SettingsChecks.requireRange(NAME, "partitions", partitions, 1, MAX_PARTITIONS);
        SettingsChecks.requireRange(NAME, "rate", rate, 1, MAX_RATE);
        SettingsChecks.requireRange(NAME, "latencySeconds", latencySeconds, 1, MAX_LATENCY_SECONDS);
        SettingsChecks.requireRange(NAME, "latencyWarmupSeconds", latencyWarmupSeconds, 0, MAX_LATENCY_SECONDS);
        out = SettingsChecks.requireOut(NAME, out);
    }

    /** Reads {@code ./meshgate bench replication [options]}; a mistake is a {@link UsageException}. */
    static ReplicationBenchSettings fromArgs(List<String> args) {
        CommandLine line = CommandLine.parse(NAME, args, VALUED, FLAGS);
        line.noPositional();
        return new ReplicationBenchSettings(
                line.optionalInt("records", DEFAULT_RECORDS, 1, MAX_RECORDS),
                line.optionalInt("record-bytes", DEFAULT_RECORD_BYTES, 1, MAX_RECORD_BYTES),
                line.optionalInt("partitions", DEFAULT_PARTITIONS, 1, MAX_PARTITIONS),
                line.optionalInt("rate", DEFAULT_RATE, 1, MAX_RATE),
                line.optionalInt("latency-seconds", DEFAULT_LATENCY_SECONDS, 1, MAX_LATENCY_SECONDS),
                line.optionalInt("latency-warmup-seconds", DEFAULT_LATENCY_WARMUP_SECONDS, 0, MAX_LATENCY_SECONDS),
                line.flag("skip-mm2"),
                Path.of(line.optional("out", BenchmarksFile.DEFAULT_FILE)));
    }

    long totalBytes() {
        return (long) records * recordBytes;
    }
}
