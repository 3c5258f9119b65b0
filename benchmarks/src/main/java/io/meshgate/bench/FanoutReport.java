package io.meshgate.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The results of one fan-out benchmark run as the {@code ## Fan-out subscriptions} section of BENCHMARKS.md: the
 * command and date, the machine, delivery and latency beside the plain-consumer ceiling, the gateway's heap per
 * idle subscriber, where the CPU went, and the targets of issue 4 with whether this run met them.
 */
record FanoutReport(FanoutBenchSettings settings, String command, ZonedDateTime started, Duration took, MachineInfo machine,
                    MachineLoad load, MeshgateFanout.Result meshgate, LatencyResult ceiling) {

    static final String HEADING = "## Fan-out subscriptions";

    /** Issue 4, on this 2-core machine: events delivered per second, over all subscribers ... */
    static final double TARGET_EVENTS_PER_SECOND = 100_000;
    /** ... with a produce-to-client p99 under this ... */
    static final double TARGET_P99_MS = 100;
    /** ... and under this much gateway heap per idle subscriber. */
    static final double TARGET_KIB_PER_IDLE_SUBSCRIBER = 64;

    private static final double MIB = 1024.0 * 1024.0;

    String markdown() {
        StringBuilder md = new StringBuilder(HEADING).append("\n\n").append(ReportText.measuredBy(started, took, command));
        md.append(String.format(Locale.ROOT, "%,d WebSocket subscribers of one stream (%d partitions) on one gateway, from "
                        + "`latest`, while one producer writes %,d records/s of %,d bytes into the origin topic: %,d events/s "
                        + "to deliver, %d s of warm-up, then a %d s measured window. One real single-node KRaft broker (child "
                        + "process, a fixed %d MiB heap as Kafka's start script gives it) and one meshgate gateway (child process, `meshgate run`, %d MiB heap, the "
                        + "JVM's default collector), on one machine: %s. Machine load: %s.%n%n",
                settings.subscribers(), settings.partitions(), settings.rate(), settings.recordBytes(),
                settings.offeredEventsPerSecond(), FanoutBenchSettings.WARMUP.toSeconds(), settings.seconds(),
                FanoutBenchSettings.BROKER_HEAP_MB, FanoutBenchSettings.GATEWAY_HEAP_MB, machine.describe(), load.describe()));
        deliveryTable(md);
        heapTable(md);
        cpuTable(md);
        targets(md);
        notes(md);
        return md.toString();
    }

    private void deliveryTable(StringBuilder md) {
        md.append("| system | subscribers | events delivered | events/s delivered | per subscriber | p50 ms | p99 ms | max ms "
                        + "| every event once, in order |\n")
                .append("|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
        md.append(String.format(Locale.ROOT, "| %s | 1 | %,d | %,.0f | %,.0f | %.1f | %.1f | %.1f | %s |%n", FanoutBenchmark.CEILING,
                ceiling.received(), ceilingPerSecond(), ceilingPerSecond(), LatencyResult.millis(ceiling.p50Nanos()),
                LatencyResult.millis(ceiling.p99Nanos()), LatencyResult.millis(ceiling.maxNanos()),
                ceiling.complete() ? "all received" : String.format(Locale.ROOT, "**received %,d of %,d**", ceiling.received(),
                        ceiling.sent())));
        FanoutDelivery delivery = meshgate.delivery();
        LatencyResult ours = delivery.latency(MeshgateFanout.SYSTEM);
        md.append(String.format(Locale.ROOT, "| meshgate | %,d | %,d | %,.0f | %,.0f | %.1f | %.1f | %.1f | %s |%n",
                delivery.subscribers(), delivery.delivered(), deliveredPerSecond(), deliveredPerSecond() / delivery.subscribers(),
                LatencyResult.millis(ours.p50Nanos()), LatencyResult.millis(ours.p99Nanos()),
                LatencyResult.millis(ours.maxNanos()), delivery.exact() ? "yes" : "**no** (see below)"));
        md.append(String.format(Locale.ROOT, "| meshgate vs ceiling | | | %,.0f× | %.0f%% | %s | %s | | |%n%n",
                deliveredPerSecond() / ceilingPerSecond(), 100 * deliveredPerSecond() / delivery.subscribers() / ceilingPerSecond(),
                times(ours.p50Nanos(), ceiling.p50Nanos()), times(ours.p99Nanos(), ceiling.p99Nanos())));
    }

    private void heapTable(StringBuilder md) {
        int n = settings.subscribers();
        md.append("| gateway heap: live objects after a full GC | heap |\n|---|--:|\n");
        md.append(String.format(Locale.ROOT, "| no subscriber | %.1f MiB |%n", meshgate.heapEmpty() / MIB));
        md.append(String.format(Locale.ROOT, "| 1 idle subscriber (it also opens the stream's shared reader and ring) | %.1f MiB |%n",
                meshgate.heapOne() / MIB));
        md.append(String.format(Locale.ROOT, "| %,d idle subscribers | %.1f MiB |%n", n, meshgate.heapAll() / MIB));
        md.append(String.format(Locale.ROOT, "| **per idle subscriber**, shared reader included: (%,d idle − none) / %,d | **%.1f KiB** |%n",
                n, n, kibPerIdleSubscriber()));
        if (n > 1) {
            md.append(String.format(Locale.ROOT, "| per idle subscriber beyond the first: (%,d idle − 1) / %,d | %.1f KiB |%n",
                    n, n - 1, (meshgate.heapAll() - meshgate.heapOne()) / 1024.0 / (n - 1)));
        }
        md.append('\n');
    }

    private void cpuTable(StringBuilder md) {
        double seconds = (FanoutBenchSettings.WARMUP.toNanos() + Duration.ofSeconds(settings.seconds()).toNanos()) / 1e9;
        md.append(String.format(Locale.ROOT, "| CPU while meshgate delivered (warm-up and window, about %.0f s) | CPU s | cores busy |%n",
                        seconds))
                .append("|---|--:|--:|\n");
        md.append(ReportText.cpuRow("gateway", meshgate.gatewayCpu(), seconds));
        md.append(ReportText.cpuRow("benchmark JVM: the producer and every subscriber", meshgate.clientCpu(), seconds));
        md.append(ReportText.cpuRow("broker", meshgate.brokerCpu(), seconds));
        md.append('\n');
    }

    private void targets(StringBuilder md) {
        FanoutDelivery delivery = meshgate.delivery();
        LatencyResult ours = delivery.latency(MeshgateFanout.SYSTEM);
        double p99 = LatencyResult.millis(ours.p99Nanos());
        md.append("Targets of issue 4, from this run:\n\n| target | measured | met |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| at least %,.0f events/s delivered in aggregate | %,.0f events/s | %s |%n",
                TARGET_EVENTS_PER_SECOND, deliveredPerSecond(),
                ReportText.yesNo(delivery.exact() && deliveredPerSecond() >= TARGET_EVENTS_PER_SECOND)));
        md.append(String.format(Locale.ROOT, "| p99 produce-to-client latency under %.0f ms | %.1f ms | %s |%n", TARGET_P99_MS, p99,
                ReportText.yesNo(ours.p99Nanos() >= 0 && p99 < TARGET_P99_MS)));
        md.append(String.format(Locale.ROOT, "| under %.0f KiB of gateway heap per idle subscriber | %.1f KiB | %s |%n%n",
                TARGET_KIB_PER_IDLE_SUBSCRIBER, kibPerIdleSubscriber(),
                ReportText.yesNo(kibPerIdleSubscriber() < TARGET_KIB_PER_IDLE_SUBSCRIBER)));
    }

    private void notes(StringBuilder md) {
        md.append("How: the subscribers are real WebSockets from one Vert.x instance in the benchmark JVM (`GET /v1/streams/")
                .append(FanoutBenchmark.STREAM).append("/subscribe?from=latest&credit=").append(FanoutSubscriber.INITIAL_CREDIT)
                .append("`, credit granted again every ").append(String.format(Locale.ROOT, "%,d", FanoutSubscriber.CREDIT_STEP))
                .append(" events). Each record carries its send time (`System.nanoTime()` in a header, the same clock as the ")
                .append("subscribers'); latency is receipt of the event frame minus send, for every event of every subscriber ")
                .append("sent inside the window. Events/s delivered = windowed events received by all subscribers / the window ")
                .append("(or the time until the last of them arrived, if longer). Every subscriber's events are checked against ")
                .append("the offsets the producer wrote in the window: each once, in order per partition. Heap: `jcmd <pid> ")
                .append("GC.class_histogram` on the gateway (a full GC, then the bytes of every live object), with the stream ")
                .append("idle, before any record is written. The ceiling is one `KafkaConsumer` (read_committed, the gateway's ")
                .append("isolation) reading the same topic at the same rate after the gateway has stopped: what one subscriber ")
                .append("could get from Kafka directly. N plain consumers are not run: each would be a Kafka client of its own ")
                .append("with a thread, fetch buffers and a broker connection, which is what the gateway's one shared reader ")
                .append("saves.\n\n");
        md.append("meshgate: ").append(meshgate.delivery().describe()).append(".\n");
        meshgate.delivery().problems().forEach(problem -> md.append("- ").append(problem).append('\n'));
    }

    double deliveredPerSecond() {
        double window = settings.seconds();
        long lastReceived = meshgate.delivery().lastReceivedNanos();
        double span = lastReceived == Long.MIN_VALUE ? window : Math.max(window, (lastReceived - meshgate.windowFrom()) / 1e9);
        return meshgate.delivery().delivered() / span;
    }

    double kibPerIdleSubscriber() {
        return (meshgate.heapAll() - meshgate.heapEmpty()) / 1024.0 / settings.subscribers();
    }

    private double ceilingPerSecond() {
        return ceiling.received() / (double) settings.seconds();
    }

    private static String times(long ours, long theirs) {
        return ours < 0 || theirs <= 0 ? "" : String.format(Locale.ROOT, "%.1f×", (double) ours / theirs);
    }
}
