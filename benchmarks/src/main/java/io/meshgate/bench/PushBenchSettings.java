package io.meshgate.bench;

import io.meshgate.gateway.cli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one push latency benchmark run measures. Immutable; validated on construction so that a run never starts
 * two brokers and two gateways only to fail on a bad number later.
 *
 * @param rate          records per second the origin producer writes
 * @param latencyMs     delay the WAN proxy adds in each direction on the link between the regions
 * @param subscribers   WebSocket subscribers at each region's gateway
 * @param warmupSeconds records sent before the window, so that readers, link and clients are hot; not measured
 * @param seconds       how long the measured window lasts
 * @param partitions    partitions of the stream's origin topic (and so of its replica)
 * @param recordBytes   size of each record value
 * @param out           the Markdown file whose {@code ## Push latency across regions} section gets the results
 */
record PushBenchSettings(int rate, int latencyMs, int subscribers, int warmupSeconds, int seconds, int partitions,
                         int recordBytes, Path out) {

    static final String NAME = "push";
    static final int DEFAULT_RATE = 100;
    static final int DEFAULT_LATENCY_MS = 50;
    static final int DEFAULT_SUBSCRIBERS = 4;
    /**
     * Long enough for a steady state. The JIT compilers of the two brokers, two gateways and this JVM, all started
     * fresh, used more than one of the 2 cores for the first 30 s of a run and fell under a tenth of a core only after
     * about 60 s; measured inside that minute, p99 says how a cold mesh starts, not how a running one delivers. The
     * report shows what the compilers still used inside the window.
     */
    static final int DEFAULT_WARMUP_SECONDS = 60;
    static final int DEFAULT_SECONDS = 20;
    static final int DEFAULT_PARTITIONS = 6;
    static final int DEFAULT_RECORD_BYTES = 256;

    /** Latency, not throughput: a rate well within what two gateways, two brokers and the clients do on 2 cores. */
    static final int MAX_RATE = 10_000;
    static final int MAX_LATENCY_MS = 5_000;
    static final int MAX_SUBSCRIBERS = 1_000;
    static final int MAX_SECONDS = 3_600;
    static final int MAX_PARTITIONS = 256;
    /** Under the gateway's frame limits once base64 makes it a third bigger, with room for the rest of the frame. */
    static final int MAX_RECORD_BYTES = 32 * 1024;

    static final int BROKER_HEAP_MB = 512;
    static final int GATEWAY_HEAP_MB = 512;

    private static final Set<String> VALUED = Set.of("rate", "latency-ms", "subscribers", "warmup-seconds", "seconds",
            "partitions", "record-bytes", "out");

    PushBenchSettings {
        SettingsChecks.requireRange(NAME, "rate", rate, 1, MAX_RATE);
        SettingsChecks.requireRange(NAME, "latencyMs", latencyMs, 0, MAX_LATENCY_MS);
        SettingsChecks.requireRange(NAME, "subscribers", subscribers, 1, MAX_SUBSCRIBERS);
        SettingsChecks.requireRange(NAME, "warmupSeconds", warmupSeconds, 0, MAX_SECONDS);
        SettingsChecks.requireRange(NAME, "seconds", seconds, 1, MAX_SECONDS);
        SettingsChecks.requireRange(NAME, "partitions", partitions, 1, MAX_PARTITIONS);
        SettingsChecks.requireRange(NAME, "recordBytes", recordBytes, 1, MAX_RECORD_BYTES);
        out = SettingsChecks.requireOut(NAME, out);
    }

    /** Reads {@code ./meshgate bench push [options]}; a mistake is a {@link io.meshgate.gateway.cli.UsageException}. */
    static PushBenchSettings fromArgs(List<String> args) {
        CommandLine line = CommandLine.parse(NAME, args, VALUED, Set.of());
        line.noPositional();
        return new PushBenchSettings(
                line.optionalInt("rate", DEFAULT_RATE, 1, MAX_RATE),
                line.optionalInt("latency-ms", DEFAULT_LATENCY_MS, 0, MAX_LATENCY_MS),
                line.optionalInt("subscribers", DEFAULT_SUBSCRIBERS, 1, MAX_SUBSCRIBERS),
                line.optionalInt("warmup-seconds", DEFAULT_WARMUP_SECONDS, 0, MAX_SECONDS),
                line.optionalInt("seconds", DEFAULT_SECONDS, 1, MAX_SECONDS),
                line.optionalInt("partitions", DEFAULT_PARTITIONS, 1, MAX_PARTITIONS),
                line.optionalInt("record-bytes", DEFAULT_RECORD_BYTES, 1, MAX_RECORD_BYTES),
                Path.of(line.optional("out", BenchmarksFile.DEFAULT_FILE)));
    }

    /** The schedule of the origin producer: warm-up, then the measured window. */
    PacedWindow paced() {
        return new PacedWindow(rate, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds));
    }

    Duration latency() {
        return Duration.ofMillis(latencyMs);
    }
}
