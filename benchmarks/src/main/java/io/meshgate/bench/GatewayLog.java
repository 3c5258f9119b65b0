package io.meshgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a gateway's log ({@code HH:mm:ss.SSS LEVEL logger event.id key=value ...}, its logback pattern) for
 * when its events happened, in milliseconds after a launch. The log's clock has millisecond resolution, finer
 * than any poll of an endpoint, and reading it afterwards costs the gateway nothing while it starts.
 */
final class GatewayLog {

    private static final Pattern LINE = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) +\\S+ +\\S+ +(\\S+)");
    private static final long DAY_MS = 24L * 3600 * 1000;

    private final List<String> lines;
    private final LocalTime launch;

    private GatewayLog(List<String> lines, LocalTime launch) {
        this.lines = lines;
        this.launch = launch;
    }

    /** The log at {@code file}, with times taken relative to {@code launchEpochMs}. */
    static GatewayLog read(Path file, long launchEpochMs) {
        try {
            return new GatewayLog(Files.readAllLines(file),
                    LocalTime.ofInstant(Instant.ofEpochMilli(launchEpochMs), ZoneId.systemDefault()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gateway log " + file, e);
        }
    }

    /** Milliseconds from launch to the first timestamped line: JVM start, class loading, logging set up. */
    Optional<Long> firstLine() {
        return lines.stream().map(LINE::matcher).filter(Matcher::find).findFirst().map(this::sinceLaunch);
    }

    /** Milliseconds from launch to the first occurrence of event {@code id}. */
    Optional<Long> first(String id) {
        return events(id).findFirst().map(this::sinceLaunch);
    }

    /** Milliseconds from launch to the last occurrence of event {@code id}. */
    Optional<Long> last(String id) {
        return events(id).reduce((a, b) -> b).map(this::sinceLaunch);
    }

    long count(String id) {
        return events(id).count();
    }

    private java.util.stream.Stream<Matcher> events(String id) {
        return lines.stream().map(LINE::matcher).filter(m -> m.find() && m.group(2).equals(id));
    }

    private long sinceLaunch(Matcher line) {
        try {
            long ms = java.time.Duration.between(launch, LocalTime.parse(line.group(1))).toMillis();
            return ms < -DAY_MS / 2 ? ms + DAY_MS : ms;  // the run crossed midnight
        } catch (DateTimeParseException e) {
            throw new BenchmarkException("unreadable time in gateway log line: " + line.group(), e);
        }
    }
}
