package io.meshgate.bench;

import io.meshgate.observability.Events;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The view lookups benchmark, in one run: fill a view in two regions, then, one phase after the other, local
 * lookups under concurrent load, the link's round trip through the WAN proxy, forwarded lookups across it, lookups
 * that need the peer while it is black-holed (fail-fast) with local lookups beside them, and at the end, with the
 * mesh stopped, the same reads straight against in-process maps (the ceiling).
 */
final class LookupBenchmark {

    /**
     * Event loops of the load generator. Two, on two cores: one would cap the load below what the gateway's single
     * HTTP event loop can answer; more would only add switching.
     */
    static final int CLIENT_EVENT_LOOPS = 2;
    /** Lookups that each wait out a black-holed attempt: enough failures to open the peer's breaker (4 at least). */
    private static final int BREAKER_TRIPS = 6;
    private static final Logger LOG = LoggerFactory.getLogger(LookupBenchmark.class);

    private final LookupBenchSettings settings;
    private final String command;

    LookupBenchmark(LookupBenchSettings settings, String command) {
        this.settings = settings;
        this.command = command;
    }

    LookupReport run() {
        RunClock clock = new RunClock();
        try (WorkDir work = WorkDir.create()) {
            Events.info(LOG, "bench.started", "benchmark", LookupBenchSettings.NAME, "keys", settings.keys(),
                    "valueBytes", settings.valueBytes(), "connections", settings.connections(), "seconds", settings.seconds(),
                    "oneWayLatencyMs", settings.oneWayLatencyMs(), "workDir", work.path());
            LookupValues values = new LookupValues(settings.keys(), settings.valueBytes());
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(CLIENT_EVENT_LOOPS));
            try {
                LookupReport.Mesh measured;
                long meshCpu;
                try (WanMesh mesh = LookupMesh.start(work.path())) {
                    CpuClock meshClock = CpuClock.of(mesh.pids());
                    measured = measure(vertx, mesh, values);
                    meshCpu = meshClock.nanos();  // while the processes are still there to ask
                }
                List<LoadResult> ceilings = LookupCeilings.run(values, settings, Runtime.getRuntime().availableProcessors());
                Duration took = clock.elapsed();
                return new LookupReport(settings, command, clock.started(), took, MachineInfo.current(), clock.load(meshCpu),
                        measured, ceilings.get(0), ceilings.get(1));
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
            }
        }
    }

    private LookupReport.Mesh measure(Vertx vertx, WanMesh mesh, LookupValues values) {
        Duration fill = ViewFill.fill(mesh, values);
        Events.info(LOG, "bench.lookups.filled", "keys", values.size(), "seconds", String.format("%.1f", fill.toMillis() / 1e3));
        mesh.wan().latency(Duration.ofMillis(settings.oneWayLatencyMs()));
        CpuClock localGateway = CpuClock.of(List.of(mesh.replica().pid()));
        CpuClock originGateway = CpuClock.of(List.of(mesh.origin().pid()));
        int port = mesh.replica().port();

        LoadResult local = done(HttpLoad.start(vertx, "local, at " + LookupMesh.LOCAL, port, LookupTargets.local(values),
                values.size(), settings.connections(), CLIENT_EVENT_LOOPS, LookupBenchSettings.FIRST_WARMUP,
                settings.window(), localGateway).await());
        LoadResult roundTrip = done(HttpLoad.start(vertx, "link round trip: GET /health/live at " + LookupMesh.ORIGIN
                        + " through the WAN proxy", mesh.wan().port(), LookupTargets.live(), 1,
                settings.forwardConnections(), CLIENT_EVENT_LOOPS, LookupBenchSettings.WARMUP, settings.window(),
                originGateway).await());
        LoadResult forwarded = done(HttpLoad.start(vertx, "forwarded: " + LookupMesh.LOCAL + " asks " + LookupMesh.ORIGIN
                        + " (region=" + LookupMesh.ORIGIN + ")", port, LookupTargets.forwarded(values, LookupMesh.ORIGIN),
                values.size(), settings.forwardConnections(), CLIENT_EVENT_LOOPS, LookupBenchSettings.WARMUP,
                settings.window(), localGateway).await());

        mesh.wan().blackHole(true);
        Duration untilOpen = tripBreaker(mesh, values);
        HttpLoad failFastLoad = HttpLoad.start(vertx, "fail-fast: " + LookupMesh.ORIGIN + " black-holed, breaker open", port,
                LookupTargets.failFast(values, LookupMesh.ORIGIN), values.size(), LookupBenchSettings.FAIL_FAST_CONNECTIONS,
                CLIENT_EVENT_LOOPS, LookupBenchSettings.WARMUP, settings.window(), localGateway);
        HttpLoad meanwhileLoad = HttpLoad.start(vertx, "local, at " + LookupMesh.LOCAL + ", meanwhile", port,
                LookupTargets.local(values), values.size(), settings.connections(), CLIENT_EVENT_LOOPS,
                LookupBenchSettings.WARMUP, settings.window(), localGateway);
        LoadResult failFast = done(failFastLoad.await());
        LoadResult meanwhile = done(meanwhileLoad.await());
        String breakerAfter = mesh.replica().breakerState(LookupMesh.ORIGIN);
        mesh.wan().heal();
        return new LookupReport.Mesh(fill, local, roundTrip, forwarded, untilOpen, failFast, meanwhile, breakerAfter);
    }

    /**
     * With the peer black-holed, sends lookups that need it until its breaker opens: each waits out its time limit,
     * and enough failures open the breaker. Returns how long that took. The lookups' own answers do not matter.
     */
    private static Duration tripBreaker(WanMesh mesh, LookupValues values) {
        long start = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < BREAKER_TRIPS; i++) {
            URI uri = URI.create("http://127.0.0.1:" + mesh.replica().port() + LookupTargets.failFast(values, LookupMesh.ORIGIN)
                    .uri().apply(i % values.size()));
            http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> "open".equals(mesh.replica().breakerState(LookupMesh.ORIGIN)));
        } catch (ConditionTimeoutException e) {
            throw new BenchmarkException("the breaker of " + LookupMesh.LOCAL + " for " + LookupMesh.ORIGIN
                    + " did not open within 30 s of black-holing it: " + mesh.replica().getJson("/v1/views").getJsonObject("peers"), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Events.info(LOG, "bench.lookups.breaker.open", "peer", LookupMesh.ORIGIN, "afterMs", took.toMillis());
        return took;
    }

    static LoadResult done(LoadResult result) {
        Events.info(LOG, "bench.lookups.phase.done", "phase", result.name(), "perSecond", Math.round(result.perSecond()),
                "p50Ms", LatencyResult.millis(result.p50Nanos()), "p99Ms", LatencyResult.millis(result.p99Nanos()),
                "maxMs", LatencyResult.millis(result.maxNanos()), "errors", result.errors(),
                "firstError", result.firstError());
        return result;
    }
}
