package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The push latency benchmark, in one run: two regions across a WAN proxy at a fixed one-way latency ({@link WanMesh}),
 * one stream written in {@value WanMesh#ORIGIN} and replicated to {@value WanMesh#REPLICA}, and produce-to-client
 * latency of WebSocket subscribers in both regions beside a plain Kafka consumer and the link's own latency
 * ({@link PushRun}), all on the same records at the same time.
 */
final class PushBenchmark {

    static final String STREAM = "push";
    private static final Duration REPLICA_TOPIC_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(PushBenchmark.class);

    private final PushBenchSettings settings;
    private final String command;

    PushBenchmark(PushBenchSettings settings, String command) {
        this.settings = settings;
        this.command = command;
    }

    PushReport run() {
        RunClock clock = new RunClock();
        Payloads payloads = new Payloads(settings.recordBytes(), 42);
        Events.info(LOG, "bench.started", "benchmark", PushBenchSettings.NAME, "rate", settings.rate(),
                "oneWayLatencyMs", settings.latencyMs(), "subscribersPerRegion", settings.subscribers(),
                "warmupSeconds", settings.warmupSeconds(), "seconds", settings.seconds(), "partitions", settings.partitions());
        try (WorkDir work = WorkDir.create();
             WanMesh mesh = WanMesh.start(work.path(), new WanMesh.Spec(List.of(STREAM), settings.partitions(), "",
                     PushBenchSettings.BROKER_HEAP_MB, PushBenchSettings.GATEWAY_HEAP_MB))) {
            mesh.wan().latency(settings.latency());
            // The link creates the replica topic once it subscribed: from then on the remote path is whole.
            try (BenchAdmin target = new BenchAdmin("target", mesh.brokers().target().bootstrapServers())) {
                target.awaitTopic(MeshgatePair.replicaTopic(STREAM), REPLICA_TOPIC_TIMEOUT);
            }
            PushRun.Result result = PushRun.measure(mesh, STREAM, settings, payloads);
            MachineLoad load = clock.load(CpuClock.of(mesh.pids()).nanos());
            return new PushReport(settings, command, clock.started(), clock.elapsed(), MachineInfo.current(), load, result);
        }
    }
}
