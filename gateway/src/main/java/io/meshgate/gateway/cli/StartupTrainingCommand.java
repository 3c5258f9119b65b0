package io.meshgate.gateway.cli;

import io.meshgate.gateway.startup.StartupTraining;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code meshgate startup-training}: the short real run ({@link StartupTraining}) that the launcher, after each
 * build, runs in a JVM recording the classes it loads, so that gateways start from a class-data archive.
 */
final class StartupTrainingCommand {

    static final int DEFAULT_RECORDS = 3_000;

    private StartupTrainingCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        CommandLine line = CommandLine.parse("startup-training", args, Set.of("records"));
        line.noPositional();
        int records = line.optionalInt("records", DEFAULT_RECORDS, 1, 1_000_000);
        Path dir = TemporaryDirs.create("meshgate-training-", "the start-up training");
        try {
            StartupTraining.Result result = StartupTraining.run(dir, records);
            out.printf(Locale.ROOT, "meshgate startup-training: %,d records replicated between two gateways and "
                            + "received by a subscriber, %d requests answered, in %.1f s%n",
                    result.eventsReceived(), result.requests(), result.took().toMillis() / 1000.0);
            return MeshgateCli.OK;
        } catch (RuntimeException e) {
            throw new StartupException("the start-up training failed: " + e.getMessage(), e);
        } finally {
            TemporaryDirs.deleteRecursively(dir);
        }
    }
}
