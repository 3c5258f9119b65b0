package io.meshgate.bench;

import io.meshgate.gateway.cli.UsageException;
import io.meshgate.config.Suggestions;
import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code meshgate bench}: benchmarks as programs. Each prints one table with meshgate side by side with its
 * peer and its ceiling, measured in the same run, and writes it to a Markdown file with the command that
 * produced it. Usage mistakes exit with 2 and one line; a failed run exits with 1.
 */
public final class BenchMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);
    private static final Map<String, String> BENCHMARKS = new TreeMap<>(Map.of(
            "replication", "replication throughput and latency: meshgate, MirrorMaker 2 and plain Kafka clients",
            "lookups", "view lookups: local, forwarded across a WAN, fail-fast with the peer down, and the in-process ceiling",
            "fanout", "push subscriptions: one gateway delivering a stream to many WebSocket subscribers, beside a plain"
                    + " Kafka consumer",
            "push", "push latency across regions: WebSocket subscribers in the origin region and in a region across a WAN,"
                    + " beside a plain Kafka consumer and the link's own latency",
            "startup", "start-up of a cold gateway pair, with the start-up archive and without: launch to live, link connected and first record replicated"));

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** The arguments as given, shell-quoted, for printing the command that produced a result. */
    static String quote(List<String> args) {
        List<String> quoted = new ArrayList<>();
        for (String arg : args) {
            quoted.add(arg.matches("[A-Za-z0-9_./=:@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
            out.print(usage());
            return args.isEmpty() ? USAGE : OK;
        }
        String benchmark = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            if (!BENCHMARKS.containsKey(benchmark)) {
                throw new UsageException("unknown benchmark '" + benchmark + "'"
                        + Suggestions.closest(benchmark, BENCHMARKS.keySet()).map(s -> " (did you mean '" + s + "'?)").orElse("")
                        + "; benchmarks: " + String.join(", ", BENCHMARKS.keySet()));
            }
            String command = "./meshgate bench " + benchmark + (rest.isEmpty() ? "" : " " + quote(rest));
            switch (benchmark) {
                case LookupBenchSettings.NAME -> {
                    LookupBenchSettings settings = LookupBenchSettings.fromArgs(rest);
                    write(out, settings.out(), LookupReport.HEADING, new LookupBenchmark(settings, command).run().markdown());
                }
                case FanoutBenchSettings.NAME -> {
                    FanoutBenchSettings settings = FanoutBenchSettings.fromArgs(rest);
                    write(out, settings.out(), FanoutReport.HEADING, new FanoutBenchmark(settings, command).run().markdown());
                }
                case PushBenchSettings.NAME -> {
                    PushBenchSettings settings = PushBenchSettings.fromArgs(rest);
                    write(out, settings.out(), PushReport.HEADING, new PushBenchmark(settings, command).run().markdown());
                }
                case ReplicationBenchSettings.NAME -> {
                    ReplicationBenchSettings settings = ReplicationBenchSettings.fromArgs(rest);
                    write(out, settings.out(), ReplicationReport.HEADING,
                            new ReplicationBenchmark(settings, command).run().markdown());
                }
                case StartupBenchSettings.NAME -> {
                    StartupBenchSettings settings = StartupBenchSettings.fromArgs(rest);
                    write(out, settings.out(), StartupReport.HEADING, new StartupBenchmark(settings, command).run().markdown());
                }
                default -> throw new IllegalStateException("benchmark '" + benchmark + "' is listed but has no runner");
            }
            return OK;
        } catch (UsageException e) {
            err.println("meshgate bench: " + e.getMessage());
            return USAGE;
        } catch (BenchmarkException e) {
            err.println("meshgate bench: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            // Not a known way to fail: keep the stack trace in the log for whoever debugs it.
            Events.error(LOG, "bench.failed", e, "benchmark", benchmark);
            err.println("meshgate bench: " + benchmark + " failed: " + e);
            return FAILED;
        }
    }

    /** Prints the section and replaces it in {@code file}. */
    private static void write(PrintStream out, Path file, String heading, String section) {
        out.println();
        out.print(section);
        BenchmarksFile.writeSection(file, heading, section);
        out.println();
        out.println("written to " + file);
    }

    static String usage() {
        return """
                meshgate bench: benchmarks that print one table, meshgate side by side with its peer and its ceiling

                usage:
                  meshgate bench replication [--records N] [--record-bytes B] [--partitions P] [--rate R]
                                             [--latency-seconds S] [--latency-warmup-seconds S] [--skip-mm2] [--out FILE]
                      %s.
                      Starts two real Kafka brokers, writes N records of B bytes (default 1000000 x 1024) into a topic
                      of P partitions (default 6), replicates them with MirrorMaker 2 and with meshgate, then measures
                      end-to-end latency at R records/s (default 10000) for S seconds (default 20), after
                      --latency-warmup-seconds at that rate (default 30).
                      --skip-mm2 leaves MirrorMaker 2 out; --out names the Markdown file whose '## Replication'
                      section is replaced (default BENCHMARKS.md).
                  meshgate bench lookups [--keys N] [--value-bytes B] [--connections C] [--seconds S]
                                         [--one-way-latency-ms L] [--out FILE]
                      %s.
                      Starts two regions (a real Kafka broker and a gateway process each), fills view orders-by-id with
                      N keys of B-byte JSON values (default 100000 x 256), then measures for S seconds each (default 20,
                      after a warm-up): local lookups over C keep-alive connections (default 32); lookups forwarded
                      to the other region through a WAN proxy adding L ms each way (default 75), against the link's
                      round trip; lookups that need the other region while it is black-holed (fail-fast); and the same
                      reads straight against an in-process Hazelcast map (the ceiling). --out names the Markdown file
                      whose '## View lookups' section is replaced (default BENCHMARKS.md).
                  meshgate bench fanout [--subscribers N] [--rate R] [--seconds S] [--record-bytes B] [--partitions P]
                                        [--out FILE]
                      %s.
                      Starts a real Kafka broker and one gateway (child processes), opens N WebSocket subscribers
                      (default 1000) from latest, measures the gateway's heap per idle subscriber, then writes R
                      records/s (default 110) of B bytes (default 256) into a topic of P partitions (default 6):
                      events/s delivered and produce-to-client latency over S seconds (default 20) after 10 s of
                      warm-up, every subscriber checked for every event once, in order; then a plain Kafka consumer
                      at the same rate (the ceiling). --out names the Markdown file whose '## Fan-out subscriptions'
                      section is replaced (default BENCHMARKS.md).
                  meshgate bench push [--rate R] [--latency-ms L] [--subscribers N] [--warmup-seconds W] [--seconds S]
                                      [--partitions P] [--record-bytes B] [--out FILE]
                      %s.
                      Starts two regions (a real Kafka broker and a gateway process each), eu-west writing one stream of
                      P partitions (default 6) and us-east replicating it over a link through a WAN proxy adding L ms
                      each way (default 50). Opens N WebSocket subscribers (default 4) from latest at each gateway, then
                      writes R records/s (default 100) of B bytes (default 256): produce-to-client latency of every
                      event over S seconds (default 20) after W seconds of warm-up (default 10), every subscriber
                      checked for every event once, in order, beside a plain Kafka consumer on the origin topic (the
                      ceiling) and the link's one-way latency (half the round trip of GET /health/live through the
                      proxy). --out names the Markdown file whose '## Push latency across regions' section is replaced
                      (default BENCHMARKS.md).
                  meshgate bench startup [--runs N] [--records N] [--partitions P] [--out FILE]
                      %s.
                      N rounds (default 3), each timing a cold gateway pair with the launcher's start-up archive and
                      without it (MESHGATE_STARTUP_ARCHIVE=off), alternating which goes first; every run starts fresh
                      brokers, fills the origin topic with --records records of 1 KiB (default 20000) in P partitions
                      (default 6), launches both gateways of 'bench replication' together, and reads milliseconds from
                      launch to each one's first log line, gateway.started and /health/live, the link connected, the
                      streams subscribed, the first and the last record committed in the receiving region. --out names
                      the Markdown file whose '## Start-up' section is replaced (default BENCHMARKS.md).
                  meshgate bench help
                """.formatted(BENCHMARKS.get("replication"), BENCHMARKS.get("lookups"), BENCHMARKS.get("fanout"),
                        BENCHMARKS.get("push"), BENCHMARKS.get("startup"));
    }
}
