package io.meshgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The start-up measurement as a Markdown table: one row per run, then the median of every column. */
record StartupReport(StartupBenchSettings settings, String command, MachineInfo machine, List<StartupRun.Times> runs) {

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
        StringBuilder out = new StringBuilder("## Start-up\n\n");
        out.append("`").append(command).append("` on ").append(machine.describe()).append(".\n\n");
        out.append(String.format(Locale.ROOT, "Milliseconds from launching both gateway JVMs (512 MiB each; started by %s)"
                + " until each milestone; %,d records of 1 KiB in %d partitions to replicate; fresh brokers for every run.%n%n", GatewayChild.howStarted(), settings.records(), settings.partitions()));
        out.append("| run |");
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
        COLUMNS.forEach(column -> out.append(' ').append(median(column).map(String::valueOf).orElse("-")).append(" |"));
        out.append('\n');
        runs.stream().filter(run -> run.allCommitted().isEmpty()).forEach(run -> out.append(String.format(Locale.ROOT,
                "%nA run stalled at %,d of %,d records committed ('-' in the last column).%n", run.committed(),
                settings.records())));
        return out.toString();
    }

    private Optional<Long> median(Column column) {
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
