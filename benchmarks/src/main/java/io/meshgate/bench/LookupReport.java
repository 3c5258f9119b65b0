package io.meshgate.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of one view lookups benchmark run as the {@code ## View lookups} section of BENCHMARKS.md: the
 * command and date, the machine and its load, one table of every phase with its ratio to the ceiling, and the
 * targets of issue 5 with whether this run met them.
 */
record LookupReport(LookupBenchSettings settings, String command, ZonedDateTime started, Duration took, MachineInfo machine,
                    MachineLoad load, Mesh mesh, LoadResult hazelcast, LoadResult inMemory) {

    static final String HEADING = "## View lookups";

    /** Issue 5: at least this many local lookups per second ... */
    static final double TARGET_LOCAL_PER_SECOND = 20_000;
    /** ... with a p99 under this, and fail-fast answers under it too ... */
    static final double TARGET_P99_MS = 5;
    /** ... and forwarded lookups within one round trip of the link plus this. */
    static final double TARGET_FORWARD_OVERHEAD_MS = 5;

    /**
     * What was measured on the running mesh.
     *
     * @param fill         from the first write until both regions' views held every key
     * @param untilOpen    from black-holing the peer until its breaker was open
     * @param breakerAfter the breaker's state when the fail-fast window ended
     */
    record Mesh(Duration fill, LoadResult local, LoadResult roundTrip, LoadResult forwarded, Duration untilOpen,
                LoadResult failFast, LoadResult localMeanwhile, String breakerAfter) {
    }

    String markdown() {
        StringBuilder md = new StringBuilder(HEADING).append("\n\n").append(ReportText.measuredBy(started, took, command));
        md.append(String.format(Locale.ROOT, "%,d keys with %,d-byte JSON values in view `%s` of stream `%s` (%d partitions), "
                        + "written in %s and replicated to %s; both regions' views held every key %.1f s after the first write. "
                        + "Two real single-node KRaft brokers and two gateways (`meshgate run`, one per region), each a child "
                        + "process (brokers a fixed %d MiB heap as Kafka's start script gives them, gateways %d MiB), on one machine: %s. Machine load: %s.%n%n",
                settings.keys(), settings.valueBytes(), LookupMesh.VIEW, LookupMesh.STREAM, LookupMesh.PARTITIONS,
                LookupMesh.ORIGIN, LookupMesh.LOCAL, mesh.fill().toMillis() / 1e3, LookupBenchSettings.BROKER_HEAP_MB,
                LookupBenchSettings.GATEWAY_HEAP_MB, machine.describe(), load.describe()));
        table(md);
        targets(md);
        notes(md);
        return md.toString();
    }

    private void table(StringBuilder md) {
        md.append("| lookups | connections (threads) | answers | wrong | per second | p50 ms | p99 ms | max ms "
                        + "| gateway cores | load generator cores | vs Hazelcast ceiling |\n")
                .append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (LoadResult row : rows()) {
            boolean ceiling = row == hazelcast || row == inMemory;
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %,.0f | %s | %s | %s | %s | %s | %s |%n", row.name(),
                    ceiling ? "(" + row.concurrency() + ")" : String.valueOf(row.concurrency()), row.requests(), row.errors(),
                    row.perSecond(), millis(row.p50Nanos()), millis(row.p99Nanos()), millis(row.maxNanos()),
                    cores(row.serverCores()), cores(row.clientCores()),
                    // Only reads of the local view compare with reads of a map; the others wait on a link.
                    row == mesh.roundTrip() || row == mesh.forwarded() || row == mesh.failFast() ? ""
                            : String.format(Locale.ROOT, "%.1f%%", 100 * row.perSecond() / hazelcast.perSecond())));
        }
        md.append('\n');
    }

    private void targets(StringBuilder md) {
        LoadResult local = mesh.local();
        double forwardedP99 = LatencyResult.millis(mesh.forwarded().p99Nanos());
        double linkP99 = LatencyResult.millis(mesh.roundTrip().p99Nanos());
        double linkP50 = LatencyResult.millis(mesh.roundTrip().p50Nanos());
        LoadResult failFast = mesh.failFast();
        LoadResult meanwhile = mesh.localMeanwhile();
        md.append("Targets of issue 5, from this run:\n\n| target | measured | met |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| at least %,.0f local lookups/s | %,.0f/s | %s |%n", TARGET_LOCAL_PER_SECOND,
                local.perSecond(), yesNo(right(local) && local.perSecond() >= TARGET_LOCAL_PER_SECOND)));
        md.append(String.format(Locale.ROOT, "| local p99 under %.0f ms | %s ms | %s |%n", TARGET_P99_MS,
                millis(local.p99Nanos()), yesNo(right(local) && under(local.p99Nanos(), TARGET_P99_MS))));
        md.append(String.format(Locale.ROOT, "| forwarded p99 within one round trip + %.0f ms (the link's p99 round trip, "
                        + "same connections) | %.1f ms = %.1f ms %s (%s against the link's p50 of %.1f ms) | %s |%n",
                TARGET_FORWARD_OVERHEAD_MS, forwardedP99, linkP99, signed(forwardedP99 - linkP99),
                signed(forwardedP99 - linkP50), linkP50, yesNo(right(mesh.forwarded()) && right(mesh.roundTrip())
                        && forwardedP99 <= linkP99 + TARGET_FORWARD_OVERHEAD_MS)));
        md.append(String.format(Locale.ROOT, "| fail-fast under %.0f ms with the peer down (p99 of `503 view.peer.unavailable`) "
                        + "| %s ms | %s |%n", TARGET_P99_MS, millis(failFast.p99Nanos()),
                yesNo(right(failFast) && under(failFast.p99Nanos(), TARGET_P99_MS))));
        md.append(String.format(Locale.ROOT, "| local lookups unaffected meanwhile (all right, p99 under %.0f ms) "
                        + "| %,d wrong, p99 %s ms (%s ms before) | %s |%n", TARGET_P99_MS, meanwhile.errors(),
                millis(meanwhile.p99Nanos()), millis(local.p99Nanos()),
                yesNo(right(meanwhile) && under(meanwhile.p99Nanos(), TARGET_P99_MS))));
        md.append('\n');
    }

    private void notes(StringBuilder md) {
        md.append("How: every HTTP row is a closed loop like wrk's, from a pure Java load generator in the benchmark JVM ")
                .append("(a Vert.x `HttpClient` on ").append(LookupBenchmark.CLIENT_EVENT_LOOPS).append(" event loops): ")
                .append("keep-alive HTTP/1.1 connections without pipelining, each with one request in flight, asking for keys ")
                .append("drawn at random from all that exist; every answer is checked (status, the key asked for, `source` and ")
                .append("`region`), and the latency of every request started in the window is kept (send to last byte read). ")
                .append("Each phase warms up for ").append(LookupBenchSettings.WARMUP.toSeconds()).append(" s (the first ")
                .append(LookupBenchSettings.FIRST_WARMUP.toSeconds()).append(" s: JIT compilers meet the lookup path there), ")
                .append("then measures for ")
                .append(settings.seconds()).append(" s, one phase after the other. Gateways run in child processes so the load ")
                .append("generator shares no heap, GC or JIT with them; `gateway cores` is the answering gateway's CPU over the ")
                .append("window (").append(LookupMesh.LOCAL).append("'s; ").append(LookupMesh.ORIGIN)
                .append("'s for the round trip), `load generator cores` the benchmark JVM's. ")
                .append(LookupMesh.LOCAL).append(" reaches ").append(LookupMesh.ORIGIN).append("'s gateway only through the ")
                .append("WAN fault proxy (`WanFaultProxy`) at ").append(settings.oneWayLatencyMs()).append(" ms one way: its ")
                .append("replication link and forwarded lookups (`region=").append(LookupMesh.ORIGIN).append("`) cross it. ")
                .append("The link's round trip is timed with `GET /health/live` sent through the proxy to ")
                .append(LookupMesh.ORIGIN).append(" over as many connections as the forwarded lookups use, so both see the same ")
                .append("proxy and the same machine: forwarded minus link, percentile for percentile, is what the two gateways ")
                .append("add. Fail-fast: the proxy black-holes ")
                .append(LookupMesh.ORIGIN).append(", lookups that need it wait out their time limit until the breaker of ")
                .append(LookupMesh.LOCAL).append(" for it opens (").append(String.format(Locale.ROOT, "%.1f",
                        mesh.untilOpen().toMillis() / 1e3))
                .append(" s here); then, warm-up and window as above, ").append(LookupBenchSettings.FAIL_FAST_CONNECTIONS)
                .append(" connections ask ").append(LookupMesh.ORIGIN).append(" while ").append(settings.connections())
                .append(" others keep asking ").append(LookupMesh.LOCAL).append(" for local keys. Every 5 s the breaker lets two ")
                .append("probes through, which wait out the 2 s time limit (`504 view.peer.timeout`, or the 503 once it opened ")
                .append("again): they are in the fail-fast row's max (breaker ").append(mesh.breakerAfter())
                .append(" at the end). The ceilings run after the mesh is stopped, on as many threads as cores, reading the ")
                .append("same keys and values (the gateway's own `ViewValue`s) from an embedded one-member Hazelcast `IMap` ")
                .append("(where a region of several gateway instances keeps a view; each read deserializes the value) and from ")
                .append("a `ConcurrentHashMap` (the index a one-instance region, like these two, reads keys from); their latency is that ")
                .append("of every ").append(InProcessLoad.SAMPLE_EVERY).append("th read.\n");
        for (LoadResult row : rows()) {
            if (row.firstError() != null) {
                md.append("\n").append(row.name()).append(": first wrong answer: ").append(row.firstError()).append('\n');
            }
        }
    }

    private List<LoadResult> rows() {
        List<LoadResult> rows = new ArrayList<>(List.of(mesh.local(), mesh.roundTrip(), mesh.forwarded(), mesh.failFast(),
                mesh.localMeanwhile()));
        rows.add(hazelcast);
        rows.add(inMemory);
        return rows;
    }

    private static boolean right(LoadResult result) {
        return result.errors() == 0 && result.requests() > 0;
    }

    private static boolean under(long nanos, double limitMs) {
        return nanos >= 0 && LatencyResult.millis(nanos) < limitMs;
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "" : String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f" : "%.1f", nanos / 1e6);
    }

    private static String signed(double ms) {
        return String.format(Locale.ROOT, "%s %.1f ms", ms >= 0 ? "+" : "−", Math.abs(ms));
    }

    private static String cores(double cores) {
        return Double.isNaN(cores) ? "" : String.format(Locale.ROOT, "%.2f", cores);
    }

    private static String yesNo(boolean met) {
        return ReportText.yesNo(met);
    }
}
