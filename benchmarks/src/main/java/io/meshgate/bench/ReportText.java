package io.meshgate.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What every benchmark section of BENCHMARKS.md says the same way: when and by which command, and targets met. */
final class ReportText {

    private ReportText() {
    }

    /** The section's opening: the date, how long the run took, and the command that reproduces it. */
    static String measuredBy(ZonedDateTime started, Duration took, String command) {
        return "Measured " + started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))
                + " by this command (the whole run took " + minutesSeconds(took) + "):\n\n"
                + "```bash\n" + command + "\n```\n\n";
    }

    static String yesNo(boolean met) {
        return met ? "yes" : "**no**";
    }

    /** CPU seconds with one decimal, or empty when unknown (negative). */
    static String cpuSeconds(long nanos) {
        return nanos < 0 ? "" : String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** A row of a CPU table: what, its CPU seconds, and how many cores that kept busy over {@code seconds}. */
    static String cpuRow(String what, long nanos, double seconds) {
        return String.format(Locale.ROOT, "| %s | %s | %s |%n", what, cpuSeconds(nanos),
                nanos < 0 ? "" : String.format(Locale.ROOT, "%.2f", nanos / 1e9 / seconds));
    }

    private static String minutesSeconds(Duration duration) {
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }
}
