package io.meshgate.bench;

import io.meshgate.gateway.cli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one fan-out benchmark run measures. Immutable; validated on construction so that a run never starts a
 * broker and a gateway only to fail on a bad number later.
 *
 * @param subscribers WebSocket subscribers of the one stream, all on the one gateway
 * @param rate        records per second the origin producer writes (each subscriber gets every one)
 * @param seconds     how long the measurement window lasts, after the warm-up
 * @param recordBytes size of each record value
 * @param partitions  partitions of the stream's topic
 * @param out         the Markdown file whose {@code ## Fan-out subscriptions} section gets the results
 */
record FanoutBenchSettings(int subscribers, int rate, int seconds, int recordBytes, int partitions, Path out) {

    static final String NAME = "fanout";
    static final int DEFAULT_SUBSCRIBERS = 1000;
    /**
     * 1,000 subscribers × 110 records/s = 110,000 events/s to deliver: a tenth above the target of 100,000, so
     * that delivering all of it meets the target with room to spare. Measured on this 2-core machine, 150 records/s
     * (150,000 events/s) is past what gateway, clients and broker together can do: latency then grows without bound.
     */
    static final int DEFAULT_RATE = 110;
    static final int DEFAULT_SECONDS = 20;
    static final int DEFAULT_RECORD_BYTES = 256;
    static final int DEFAULT_PARTITIONS = 6;

    static final int MAX_SUBSCRIBERS = 50_000;
    static final int MAX_RATE = 100_000;
    static final int MAX_SECONDS = 3600;
    /** Under the gateway's frame limits once base64 makes it a third bigger, with room for the rest of the frame. */
    static final int MAX_RECORD_BYTES = 32 * 1024;
    static final int MAX_PARTITIONS = 256;

    /**
     * Sent at the benchmark rate before measuring, so that the gateway, its readers and the clients are hot: the JIT
     * of three freshly started JVMs takes seconds of a two-core machine.
     */
    static final Duration WARMUP = Duration.ofSeconds(10);
    /** The broker's heap: the fan-out writes little, so Kafka's default is enough. */
    static final int BROKER_HEAP_MB = 512;
    /**
     * The gateway's heap (-Xms = -Xmx, so that it never resizes during the run): room for the ring of recent
     * records (32 MiB by default) and thousands of sockets, small enough to be a real constraint.
     */
    static final int GATEWAY_HEAP_MB = 512;

    private static final Set<String> VALUED = Set.of("subscribers", "rate", "seconds", "record-bytes", "partitions", "out");

    FanoutBenchSettings {
        SettingsChecks.requireRange(NAME, "subscribers", subscribers, 1, MAX_SUBSCRIBERS);
        SettingsChecks.requireRange(NAME, "rate", rate, 1, MAX_RATE);
        SettingsChecks.requireRange(NAME, "seconds", seconds, 1, MAX_SECONDS);
        SettingsChecks.requireRange(NAME, "recordBytes", recordBytes, 1, MAX_RECORD_BYTES);
        SettingsChecks.requireRange(NAME, "partitions", partitions, 1, MAX_PARTITIONS);
        out = SettingsChecks.requireOut(NAME, out);
    }

    /** Reads {@code ./meshgate bench fanout [options]}; a mistake is a {@link io.meshgate.gateway.cli.UsageException}. */
    static FanoutBenchSettings fromArgs(List<String> args) {
        CommandLine line = CommandLine.parse(NAME, args, VALUED, Set.of());
        line.noPositional();
        return new FanoutBenchSettings(
                line.optionalInt("subscribers", DEFAULT_SUBSCRIBERS, 1, MAX_SUBSCRIBERS),
                line.optionalInt("rate", DEFAULT_RATE, 1, MAX_RATE),
                line.optionalInt("seconds", DEFAULT_SECONDS, 1, MAX_SECONDS),
                line.optionalInt("record-bytes", DEFAULT_RECORD_BYTES, 1, MAX_RECORD_BYTES),
                line.optionalInt("partitions", DEFAULT_PARTITIONS, 1, MAX_PARTITIONS),
                Path.of(line.optional("out", BenchmarksFile.DEFAULT_FILE)));
    }

    /** The schedule of the origin producer: warm-up, then the measured window. */
    PacedWindow paced() {
        return new PacedWindow(rate, WARMUP, Duration.ofSeconds(seconds));
    }

    /** Events the gateway should deliver per second in all: every record to every subscriber. */
    long offeredEventsPerSecond() {
        return (long) rate * subscribers;
    }
}
