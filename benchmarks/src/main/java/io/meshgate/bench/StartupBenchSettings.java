package io.meshgate.bench;

import io.meshgate.gateway.cli.CommandLine;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What one start-up measurement does. Immutable; validated on construction.
 *
 * @param runs       how many times a fresh pair of gateways is launched and timed (the brokers are started once)
 * @param records    records in the origin topic of each run, all of which must reach the replica before a run ends
 * @param partitions partitions of every topic, as in the replication benchmark
 * @param out        the Markdown file whose {@code ## Start-up} section gets the results
 */
record StartupBenchSettings(int runs, int records, int partitions, Path out) {

    static final String NAME = "startup";
    static final int DEFAULT_RUNS = 3;
    static final int DEFAULT_RECORDS = 20_000;
    static final int MAX_RUNS = 50;
    static final int MAX_RECORDS = 10_000_000;

    private static final Set<String> VALUED = Set.of("runs", "records", "partitions", "out");

    StartupBenchSettings {
        SettingsChecks.requireRange(NAME, "runs", runs, 1, MAX_RUNS);
        SettingsChecks.requireRange(NAME, "records", records, 1, MAX_RECORDS);
        SettingsChecks.requireRange(NAME, "partitions", partitions, 1, ReplicationBenchSettings.MAX_PARTITIONS);
        out = SettingsChecks.requireOut(NAME, out);
    }

    /** Reads {@code ./meshgate bench startup [options]}; a mistake is a {@link io.meshgate.gateway.cli.UsageException}. */
    static StartupBenchSettings fromArgs(List<String> args) {
        CommandLine line = CommandLine.parse(NAME, args, VALUED, Set.of());
        line.noPositional();
        return new StartupBenchSettings(
                line.optionalInt("runs", DEFAULT_RUNS, 1, MAX_RUNS),
                line.optionalInt("records", DEFAULT_RECORDS, 1, MAX_RECORDS),
                line.optionalInt("partitions", ReplicationBenchSettings.DEFAULT_PARTITIONS, 1,
                        ReplicationBenchSettings.MAX_PARTITIONS),
                Path.of(line.optional("out", BenchmarksFile.DEFAULT_FILE)));
    }
}
