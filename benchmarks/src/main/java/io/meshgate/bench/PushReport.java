package io.meshgate.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The results of one push latency run as the {@code ## Push latency across regions} section of BENCHMARKS.md: the
 * command and date, the machine and its load, produce-to-client latency of the ceiling, the local and the remote
 * subscribers beside the link's one-way latency, where the remote time goes, and the targets of issue 4.
 */
record PushReport(PushBenchSettings settings, String command, ZonedDateTime started, Duration took, MachineInfo machine,
                  MachineLoad load, PushRun.Result result) {

    static final String HEADING = "## Push latency across regions";

    /** Issue 4: a subscriber in the origin region gets an event within tens of milliseconds: p99 under this ... */
    static final double TARGET_LOCAL_P99_MS = 100;
    /** ... and one in another region within the link's one-way latency plus tens of milliseconds: plus this at p99. */
    static final double TARGET_REMOTE_OVER_LINK_MS = 100;

    private static final String LOCAL = "meshgate local subscribers at " + WanMesh.ORIGIN;
    private static final String REMOTE = "meshgate remote subscribers at " + WanMesh.REPLICA;

    String markdown() {
        StringBuilder md = new StringBuilder(HEADING).append("\n\n").append(ReportText.measuredBy(started, took, command));
        md.append(String.format(Locale.ROOT, "One stream (%d partitions) written in %s and replicated to %s, whose replication "
                        + "link to %s crosses a WAN proxy adding %d ms each way. One producer writes %,d records/s of %,d bytes "
                        + "into the origin topic: %d s of warm-up, then a %d s measured window. %d WebSocket subscribers from "
                        + "`latest` at each region's gateway, a plain consumer and the link's round trips, all at once on the "
                        + "same records. Two real single-node KRaft brokers (a fixed %d MiB heap, as Kafka's start script gives them) and two gateways (`meshgate run`, %d "
                        + "MiB heap), each a child process, on one machine: %s. Machine load: %s.%n%n",
                settings.partitions(), WanMesh.ORIGIN, WanMesh.REPLICA, WanMesh.ORIGIN, settings.latencyMs(), settings.rate(),
                settings.recordBytes(), settings.warmupSeconds(), settings.seconds(), settings.subscribers(),
                PushBenchSettings.BROKER_HEAP_MB, PushBenchSettings.GATEWAY_HEAP_MB, machine.describe(), load.describe()));
        latencyTable(md);
        breakdown(md);
        cpuTable(md);
        targets(md);
        notes(md);
        return md.toString();
    }

    private void latencyTable(StringBuilder md) {
        md.append("| | produce to client | samples | p50 ms | p99 ms | max ms | every event once, in order |\n")
                .append("|---|---|--:|--:|--:|--:|---|\n");
        LatencyResult ceiling = result.ceiling();
        row(md, "1", "plain `KafkaConsumer` (read_committed) on the origin topic at " + WanMesh.ORIGIN + " (ceiling)",
                ceiling.received(), ceiling.p50Nanos(), ceiling.p99Nanos(), ceiling.maxNanos(), received(ceiling));
        FanoutDelivery local = result.local();
        LatencyResult ours = local.latency(LOCAL);
        row(md, "2", LOCAL + " (" + local.subscribers() + " WebSockets)", ours.received(), ours.p50Nanos(), ours.p99Nanos(),
                ours.maxNanos(), exact(local));
        LoadResult link = result.roundTrip();
        row(md, "3", "link one way: half the round trip of `GET /health/live` at " + WanMesh.ORIGIN + " through the proxy",
                link.requests(), half(link.p50Nanos()), half(link.p99Nanos()), half(link.maxNanos()),
                link.errors() == 0 ? "" : "**" + link.errors() + " failed**");
        FanoutDelivery remote = result.remote();
        LatencyResult theirs = remote.latency(REMOTE);
        row(md, "4", REMOTE + " (" + remote.subscribers() + " WebSockets, reading the replica)", theirs.received(),
                theirs.p50Nanos(), theirs.p99Nanos(), theirs.maxNanos(), exact(remote));
        md.append(String.format(Locale.ROOT, "| 4 − 3 | remote minus link one way, percentile by percentile | | %s | %s | %s | |%n%n",
                minus(theirs.p50Nanos(), half(link.p50Nanos())), minus(theirs.p99Nanos(), half(link.p99Nanos())),
                minus(theirs.maxNanos(), half(link.maxNanos()))));
    }

    /** The remote path split at the replica topic, where a plain consumer at the replica region sees it too. */
    private void breakdown(StringBuilder md) {
        LatencyResult replica = result.replicaTopic();
        LatencyResult remote = result.remote().latency(REMOTE);
        LoadResult link = result.roundTrip();
        md.append("Where the remote time goes (differences of percentiles, so indicative, not exact):\n\n")
                .append("| stage | p50 ms | p99 ms | max ms |\n|---|--:|--:|--:|\n");
        md.append(String.format(Locale.ROOT, "| 5: a plain `KafkaConsumer` (read_committed) sees the record in the replica topic "
                        + "at %s (%,d samples, %s) | %s | %s | %s |%n", WanMesh.REPLICA, replica.received(), received(replica),
                ms(replica.p50Nanos()), ms(replica.p99Nanos()), ms(replica.maxNanos())));
        md.append(String.format(Locale.ROOT, "| 5 − 3: origin read, link frame, replica transaction committed, beyond the "
                        + "link's one way | %s | %s | %s |%n", minus(replica.p50Nanos(), half(link.p50Nanos())),
                minus(replica.p99Nanos(), half(link.p99Nanos())), minus(replica.maxNanos(), half(link.maxNanos()))));
        md.append(String.format(Locale.ROOT, "| 4 − 5: %s's stream reader and WebSocket, beyond the replica's commit | %s | %s "
                        + "| %s |%n%n", WanMesh.REPLICA, minus(remote.p50Nanos(), replica.p50Nanos()),
                minus(remote.p99Nanos(), replica.p99Nanos()), minus(remote.maxNanos(), replica.maxNanos())));
        ReplicaCommits commits = result.commits();
        double seconds = result.pacedNanos() / 1e9;
        md.append(String.format(Locale.ROOT, "%s committed %,d replica transactions of `%s` in the %.1f s of producing "
                        + "(%.1f/s, one every %.0f ms), %.1f records each on average.%n%n", WanMesh.REPLICA,
                commits.transactions(), PushBenchmark.STREAM, seconds, commits.transactions() / seconds,
                commits.transactions() == 0 ? 0 : 1e3 * seconds / commits.transactions(), commits.recordsPerTransaction()));
    }

    private void cpuTable(StringBuilder md) {
        double seconds = settings.warmupSeconds() + settings.seconds();
        String[] what = {"gateway " + WanMesh.ORIGIN, "gateway " + WanMesh.REPLICA, "both brokers",
                "benchmark JVM: producer, consumers, subscribers, link timer"};
        md.append(String.format(Locale.ROOT, "| CPU while producing (warm-up and window, about %.0f s) | CPU s | cores busy |%n",
                seconds)).append("|---|--:|--:|\n");
        for (int i = 0; i < what.length; i++) {
            md.append(ReportText.cpuRow(what[i], result.cpu()[i], seconds));
        }
        md.append(ReportText.cpuRow("of all that, the JIT compiler threads inside the measured window only (after the "
                + settings.warmupSeconds() + " s of warm-up; near zero once every JVM is warm)", result.jitInWindow(),
                settings.seconds()));
        md.append('\n');
    }

    private void targets(StringBuilder md) {
        LatencyResult local = result.local().latency(LOCAL);
        LatencyResult remote = result.remote().latency(REMOTE);
        double linkP99 = LatencyResult.millis(half(result.roundTrip().p99Nanos()));
        double remoteP99 = LatencyResult.millis(remote.p99Nanos());
        md.append("Targets of issue 4, from this run:\n\n| target | measured | met |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| local p99 within tens of ms: under %.0f ms, every event once, in order | %s ms | %s |%n",
                TARGET_LOCAL_P99_MS, ms(local.p99Nanos()), ReportText.yesNo(result.local().exact()
                        && local.p99Nanos() >= 0 && LatencyResult.millis(local.p99Nanos()) < TARGET_LOCAL_P99_MS)));
        md.append(String.format(Locale.ROOT, "| remote p99 within the link's one way + tens of ms: under %.1f + %.0f ms, every "
                        + "event once, in order | %.1f ms = link %.1f ms %s | %s |%n", linkP99, TARGET_REMOTE_OVER_LINK_MS,
                remoteP99, linkP99, signed(remoteP99 - linkP99), ReportText.yesNo(result.remote().exact()
                        && result.roundTrip().errors() == 0 && remote.p99Nanos() >= 0
                        && remoteP99 < linkP99 + TARGET_REMOTE_OVER_LINK_MS)));
        md.append('\n');
    }

    private void notes(StringBuilder md) {
        md.append("How: every record carries its send time (`System.nanoTime()` in a header); producer, consumers and ")
                .append("subscribers are in the benchmark JVM, so send and receipt are read from one clock. Latency is receipt ")
                .append("minus send for every record sent inside the window, at every subscriber. The subscribers are real ")
                .append("WebSockets (Vert.x client, `GET /v1/streams/").append(PushBenchmark.STREAM)
                .append("/subscribe?from=latest&credit=").append(FanoutSubscriber.INITIAL_CREDIT).append("`), opened before the ")
                .append("first record; each one's events are checked against the offsets the producer wrote in the window: each ")
                .append("once, in order per partition (origin offsets, which the replica keeps). ").append(WanMesh.REPLICA)
                .append("'s mesh config names the proxy as ").append(WanMesh.ORIGIN).append("'s gateway, so its replication link ")
                .append("crosses it; the link's one-way latency is half the round trip of `GET /health/live` sent to ")
                .append(WanMesh.ORIGIN).append(" through the same proxy on ").append(PushRun.LINK_CONNECTIONS)
                .append(" keep-alive connections during the window (the proxy delays both directions alike). The remote path: ")
                .append(WanMesh.ORIGIN).append("'s gateway reads the origin topic (read_committed) and sends record batches on ")
                .append("the link; ").append(WanMesh.REPLICA).append("'s gateway writes them with their positions into the ")
                .append("replica topic in one Kafka transaction per group commit; its shared stream reader (read_committed) ")
                .append("reads the replica and pushes to the WebSockets. Row 5 reads the replica topic with a plain consumer to ")
                .append("split the path there. The warm-up is long because every JVM here starts fresh: on this machine their ")
                .append("JIT compilers took more than one of the 2 cores for the first half minute and most of a minute to quiet ")
                .append("down, and a window inside that measures a cold start, not a running mesh; the CPU table shows what the ")
                .append("compilers still used inside the window.\n\n");
        md.append("Local: ").append(result.local().describe()).append(".\n");
        result.local().problems().forEach(problem -> md.append("- ").append(problem).append('\n'));
        md.append("Remote: ").append(result.remote().describe()).append(".\n");
        result.remote().problems().forEach(problem -> md.append("- ").append(problem).append('\n'));
    }

    private static void row(StringBuilder md, String number, String what, long samples, long p50, long p99, long max,
                            String check) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %s |%n", number, what, samples, ms(p50), ms(p99),
                ms(max), check));
    }

    private static String received(LatencyResult result) {
        return result.complete() ? "all received" : String.format(Locale.ROOT, "**received %,d of %,d**", result.received(),
                result.sent());
    }

    private static String exact(FanoutDelivery delivery) {
        return delivery.exact() ? "yes" : "**no** (see below)";
    }

    /** One way of a round trip; unknown (negative) stays unknown. */
    private static long half(long roundTripNanos) {
        return roundTripNanos < 0 ? -1 : roundTripNanos / 2;
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String minus(long a, long b) {
        return a < 0 || b < 0 ? "" : String.format(Locale.ROOT, "%.1f", (a - b) / 1e6);
    }

    private static String signed(double ms) {
        return String.format(Locale.ROOT, "%s %.1f ms", ms >= 0 ? "+" : "−", Math.abs(ms));
    }
}
