package io.meshgate.bench;

import io.meshgate.gateway.cli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one view lookups benchmark run measures. Immutable; validated on construction so that a run never starts
 * brokers and gateways only to fail on a bad number later.
 *
 * @param keys            keys written into the view (one record each) and looked up at random
 * @param valueBytes      size of each record's JSON value
 * @param connections     concurrent keep-alive HTTP/1.1 connections of the local lookup load (one request in flight each)
 * @param seconds         how long each load phase measures, after its warm-up
 * @param oneWayLatencyMs delay the WAN proxy adds in each direction between the regions' gateways
 * @param out             the Markdown file whose {@code ## View lookups} section gets the results
 */
record LookupBenchSettings(int keys, int valueBytes, int connections, int seconds, int oneWayLatencyMs, Path out) {

    static final String NAME = "lookups";
    static final int DEFAULT_KEYS = 100_000;
    static final int DEFAULT_VALUE_BYTES = 256;
    static final int DEFAULT_CONNECTIONS = 32;
    static final int DEFAULT_SECONDS = 20;
    static final int DEFAULT_ONE_WAY_LATENCY_MS = 75;

    static final int MAX_KEYS = 10_000_000;
    /** Room for the order's own fields; the rest of the value is padding. */
    static final int MIN_VALUE_BYTES = 100;
    static final int MAX_VALUE_BYTES = 64 * 1024;
    static final int MAX_CONNECTIONS = 1_000;
    static final int MAX_SECONDS = 3_600;
    static final int MAX_ONE_WAY_LATENCY_MS = 10_000;

    /** Load before each measurement window, so connections are open and both JVMs' code is compiled. */
    static final Duration WARMUP = Duration.ofSeconds(5);
    /**
     * The first phase's warm-up is longer: it is where both JVMs' JIT compilers first meet the lookup path, right
     * after the fill has kept the brokers and gateways busy.
     */
    static final Duration FIRST_WARMUP = Duration.ofSeconds(10);
    /** Forwarded lookups in flight: well below a peer's bulkhead (64), which would refuse the excess. */
    static final int FORWARD_CONNECTIONS = 16;
    /** Lookups in flight at the dead peer: a few callers retrying, beside the local load. */
    static final int FAIL_FAST_CONNECTIONS = 8;
    static final int BROKER_HEAP_MB = 512;
    static final int GATEWAY_HEAP_MB = 512;

    private static final Set<String> VALUED = Set.of("keys", "value-bytes", "connections", "seconds", "one-way-latency-ms", "out");

    LookupBenchSettings {
        SettingsChecks.requireRange(NAME, "keys", keys, 1, MAX_KEYS);
        SettingsChecks.requireRange(NAME, "valueBytes", valueBytes, MIN_VALUE_BYTES, MAX_VALUE_BYTES);
        SettingsChecks.requireRange(NAME, "connections", connections, 1, MAX_CONNECTIONS);
        SettingsChecks.requireRange(NAME, "seconds", seconds, 1, MAX_SECONDS);
        SettingsChecks.requireRange(NAME, "oneWayLatencyMs", oneWayLatencyMs, 0, MAX_ONE_WAY_LATENCY_MS);
        out = SettingsChecks.requireOut(NAME, out);
    }

    /** Reads {@code ./meshgate bench lookups [options]}; a mistake is a {@link io.meshgate.gateway.cli.UsageException}. */
    static LookupBenchSettings fromArgs(List<String> args) {
        CommandLine line = CommandLine.parse(NAME, args, VALUED, Set.of());
        line.noPositional();
        return new LookupBenchSettings(
                line.optionalInt("keys", DEFAULT_KEYS, 1, MAX_KEYS),
                line.optionalInt("value-bytes", DEFAULT_VALUE_BYTES, MIN_VALUE_BYTES, MAX_VALUE_BYTES),
                line.optionalInt("connections", DEFAULT_CONNECTIONS, 1, MAX_CONNECTIONS),
                line.optionalInt("seconds", DEFAULT_SECONDS, 1, MAX_SECONDS),
                line.optionalInt("one-way-latency-ms", DEFAULT_ONE_WAY_LATENCY_MS, 0, MAX_ONE_WAY_LATENCY_MS),
                Path.of(line.optional("out", BenchmarksFile.DEFAULT_FILE)));
    }

    Duration window() {
        return Duration.ofSeconds(seconds);
    }

    int forwardConnections() {
        return Math.min(connections, FORWARD_CONNECTIONS);
    }
}
