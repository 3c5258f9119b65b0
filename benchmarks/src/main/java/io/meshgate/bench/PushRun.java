package io.meshgate.bench;

import io.meshgate.observability.Events;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import static org.awaitility.Awaitility.await;

/**
 * The measured part of the push benchmark, on a running {@link WanMesh}: one origin producer at a fixed rate, and
 * side by side, on the same records, a plain read-committed consumer of the origin topic (the ceiling), WebSocket
 * subscribers at {@value WanMesh#ORIGIN} (local) and at {@value WanMesh#REPLICA} (remote, reading the replica), a
 * plain read-committed consumer of the replica topic at {@value WanMesh#REPLICA} (where the remote time goes), and
 * {@code GET /health/live} round trips to {@value WanMesh#ORIGIN} through the WAN proxy (the link's latency).
 */
final class PushRun {

    /** Connections timing the link, each with one request in flight: a trickle beside the stream. */
    static final int LINK_CONNECTIONS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(PushRun.class);
    /** How long to wait, after the last send, for the last windowed events to reach every reader. */
    private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(30);

    /**
     * @param sent        records the producer sent inside the window
     * @param ceiling     the plain consumer of the origin topic
     * @param replicaTopic the plain consumer of the replica topic at {@value WanMesh#REPLICA}
     * @param roundTrip   {@code GET /health/live} at {@value WanMesh#ORIGIN} through the WAN proxy
     * @param commits     replica transactions {@value WanMesh#REPLICA} committed from the first send to the last receipt
     * @param pacedNanos  from the first send until every reader had the last windowed record (or gave up waiting)
     * @param cpu         CPU nanoseconds during the paced phase: origin gateway, replica gateway, brokers, benchmark JVM
     * @param jitInWindow CPU nanoseconds of the JIT compiler threads of all those JVMs inside the window, or -1
     */
    record Result(long sent, LatencyResult ceiling, FanoutDelivery local, LatencyResult replicaTopic, FanoutDelivery remote,
                  LoadResult roundTrip, ReplicaCommits commits, long pacedNanos, long[] cpu, long jitInWindow) {
    }

    private PushRun() {
    }

    static Result measure(WanMesh mesh, String stream, PushBenchSettings settings, Payloads payloads) {
        PacedWindow paced = settings.paced();
        int n = settings.subscribers();
        int partitions = settings.partitions();
        Vertx linkClient = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (FanoutClients local = new FanoutClients(mesh.origin(), stream, n, partitions, paced.expected());
             FanoutClients remote = new FanoutClients(mesh.replica(), stream, n, partitions, paced.expected())) {
            local.open(n);
            remote.open(n);
            Events.info(LOG, "bench.push.subscribed", "local", local.size(), "remote", remote.size());
            List<CpuClock> clocks = List.of(CpuClock.of(List.of(mesh.origin().pid())), CpuClock.of(List.of(mesh.replica().pid())),
                    CpuClock.of(mesh.brokers().pids()), CpuClock.thisJvm());
            long[] cpu = clocks.stream().mapToLong(CpuClock::nanos).toArray();
            ReplicaCommits commitsBefore = ReplicaCommits.read(mesh.replica(), stream);
            long pacedFrom = System.nanoTime();
            long windowFrom = System.nanoTime() + paced.warmup().toNanos();
            long windowUntil = windowFrom + paced.window().toNanos();
            List<Long> jvms = new ArrayList<>(mesh.pids());
            jvms.add(ProcessHandle.current().pid());
            CpuWindow jit = new CpuWindow(List.of(CpuClock.jitCompilersOf(jvms)), windowFrom, windowUntil);
            local.tally().window(windowFrom, windowUntil);
            remote.tally().window(windowFrom, windowUntil);
            WindowOffsets window = new WindowOffsets(partitions);
            try (LatencyRecorder ceiling = new LatencyRecorder(mesh.brokers().origin().bootstrapServers(), stream, partitions,
                    windowFrom, windowUntil, paced.expected());
                 LatencyRecorder replicaTopic = new LatencyRecorder(mesh.brokers().target().bootstrapServers(),
                         MeshgatePair.replicaTopic(stream), partitions, windowFrom, windowUntil, paced.expected());
                 PacedProducer producer = new PacedProducer(mesh.brokers().origin().bootstrapServers(), stream, payloads)) {
                HttpLoad link = HttpLoad.start(linkClient, "link round trip: GET /health/live at " + WanMesh.ORIGIN
                                + " through the WAN proxy", mesh.wan().port(), LookupTargets.live(), 1, LINK_CONNECTIONS, 1,
                        Duration.ofNanos(Math.max(0, windowFrom - System.nanoTime())), paced.window(), clocks.get(0));
                Events.info(LOG, "bench.push.producing", "rate", paced.rate(), "warmupSeconds", paced.warmup().toSeconds(),
                        "seconds", paced.window().toSeconds(), "oneWayLatencyMs", settings.latencyMs());
                long sent = producer.run(paced.rate(), windowUntil - System.nanoTime(), windowFrom, windowUntil, window);
                long expected = window.records();
                awaitAll(List.of(() -> local.tally().deliveredSoFar() - expected * n,
                        () -> remote.tally().deliveredSoFar() - expected * n,
                        () -> ceiling.received() - expected, () -> replicaTopic.received() - expected));
                long pacedNanos = System.nanoTime() - pacedFrom;
                ReplicaCommits commits = ReplicaCommits.read(mesh.replica(), stream).since(commitsBefore);
                LoadResult roundTrip = link.await();
                for (int i = 0; i < cpu.length; i++) {
                    cpu[i] = clocks.get(i).since(cpu[i]);
                }
                mesh.origin().requireAlive();
                mesh.replica().requireAlive();
                Result result = new Result(sent, LatencyResult.of("ceiling", sent, ceiling.sortedLatencies()),
                        FanoutDelivery.check(local.results(), window),
                        LatencyResult.of("replica topic", sent, replicaTopic.sortedLatencies()),
                        FanoutDelivery.check(remote.results(), window), roundTrip, commits, pacedNanos, cpu, jit.nanos(0));
                Events.info(LOG, "bench.push.done", "sent", sent, "localExact", result.local().exact(),
                        "remoteExact", result.remote().exact());
                return result;
            }
        } finally {
            BenchFutures.await(linkClient.close(), Duration.ofSeconds(30), "closing the link timer's Vert.x");
        }
    }

    /** Returns once every one of {@code shortfalls} is at or above zero, or after the straggler wait. */
    private static void awaitAll(List<LongSupplier> shortfalls) {
        try {
            await().atMost(STRAGGLER_WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> shortfalls.stream().allMatch(shortfall -> shortfall.getAsLong() >= 0));
        } catch (ConditionTimeoutException e) {
            Events.warn(LOG, "bench.push.incomplete", "shortfalls",
                    shortfalls.stream().map(s -> Long.toString(s.getAsLong())).toList(), "waitedSeconds", STRAGGLER_WAIT.toSeconds());
        }
    }
}
