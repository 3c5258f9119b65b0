package io.meshgate.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The start-up measurement as Markdown: the medians with the start-up archive and without it side by side, then
 * every run of each.
 */
record StartupReport(StartupBenchSettings settings, String command, ZonedDateTime started, Duration took,
                     MachineInfo machine, List<StartupRun.Times> withArchive, List<StartupRun.Times> withoutArchive) {

    static final String HEADING = "## Start-up";

    private record Column(String heading, Function<StartupRun.Times, Optional<Long>> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("origin: first log line", StartupRun.Times::originFirstLog),
            new Column("origin: gateway.started", StartupRun.Times::originStarted),
            new Column("origin: /health/live", t -> Optional.of(t.originLive())),
            new Column("receiver: first log line", StartupRun.Times::replicaFirstLog),
            new Column("receiver: gateway.started", StartupRun.Times::replicaStarted),
            new Column("receiver: /health/live", t -> Optional.of(t.replicaLive())),
            new Column("link connected", StartupRun.Times::linkUp),
            new Column("connect failures", t -> Optional.of(t.connectFailures())),
            new Column("streams subscribed", StartupRun.Times::subscribed),
            new Column("first record committed", t -> Optional.of(t.firstCommitted())),
            new Column("all records committed", StartupRun.Times::allCommitted));

    String markdown() {
        StringBuilder out = new StringBuilder(HEADING).append("\n\n").append(ReportText.measuredBy(started, took, command));
        out.append(String.format(Locale.ROOT, "%,d records of 1 KiB in %d partitions to replicate, on %s. Milliseconds "
                        + "from launching both gateway JVMs (512 MiB each, started by %s) until each milestone; fresh brokers "
                        + "for every run.%n%n", settings.records(), settings.partitions(), machine.describe(),
                GatewayChild.throughLauncher() ? "`./meshgate run`, as a user starts one" : GatewayChild.howStarted()));
        if (withArchive.isEmpty()) {
            out.append("Not started through `./meshgate`, so without the start-up archive only.\n\n");
        } else {
            appendMedians(out);
            appendRuns(out, "With the start-up archive", withArchive);
        }
        appendRuns(out, "Without it (`MESHGATE_STARTUP_ARCHIVE=off`)", withoutArchive);
        out.append("How: each of the ").append(settings.runs()).append(" rounds starts fresh brokers, fills the origin ")
                .append("topic, waits 5 s for the machine to quiet down and launches a gateway pair, once with the archive ")
                .append("and once without, alternating which goes first. Live is polled every 10 ms; every other milestone ")
                .append("is read from the gateways' logs at millisecond resolution.\n");
        return out.toString();
    }

    private void appendMedians(StringBuilder out) {
        out.append("| milestone (median ms) | with the start-up archive | without | sooner by |\n|---|--:|--:|--:|\n");
        for (Column column : COLUMNS) {
            if (column.heading().equals("connect failures")) {
                continue;
            }
            Optional<Long> with = median(column, withArchive);
            Optional<Long> without = median(column, withoutArchive);
            String sooner = with.isPresent() && without.isPresent() && without.get() > 0
                    ? String.format(Locale.ROOT, "%d%%", Math.round(100.0 * (without.get() - with.get()) / without.get()))
                    : "";
            out.append("| ").append(column.heading()).append(" | ").append(with.map(String::valueOf).orElse("-"))
                    .append(" | ").append(without.map(String::valueOf).orElse("-")).append(" | ").append(sooner).append(" |\n");
        }
        out.append('\n');
    }

    private void appendRuns(StringBuilder out, String title, List<StartupRun.Times> runs) {
        out.append(title).append(":\n\n| run |");
        COLUMNS.forEach(column -> out.append(' ').append(column.heading()).append(" |"));
        out.append("\n|---|");
        COLUMNS.forEach(column -> out.append("---:|"));
        out.append('\n');
        for (int i = 0; i < runs.size(); i++) {
            StartupRun.Times run = runs.get(i);
            out.append("| ").append(i + 1).append(" |");
            COLUMNS.forEach(column -> out.append(' ').append(column.value().apply(run).map(String::valueOf).orElse("-"))
                    .append(" |"));
            out.append('\n');
        }
        out.append("| median |");
        COLUMNS.forEach(column -> out.append(' ').append(median(column, runs).map(String::valueOf).orElse("-")).append(" |"));
        out.append("\n\n");
        runs.stream().filter(run -> run.allCommitted().isEmpty()).forEach(run -> out.append(String.format(Locale.ROOT,
                "A run stalled at %,d of %,d records committed ('-' in the last column).%n%n", run.committed(),
                settings.records())));
    }

    private static Optional<Long> median(Column column, List<StartupRun.Times> runs) {
        List<Long> values = new ArrayList<>();
        runs.forEach(run -> column.value().apply(run).ifPresent(values::add));
        if (values.isEmpty()) {
            return Optional.empty();
        }
        values.sort(null);
        int n = values.size();
        return Optional.of(n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2);
    }
}
