package io.meshgate.bench;

import io.meshgate.chaos.HeapProbe;
import io.vertx.core.json.JsonObject;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One gateway as {@code meshgate run} in a {@link ChildJvm}: a process of its own, as in production, so the
 * benchmark's load generator never shares a JVM (its heap, its GC pauses, its JIT threads) with the gateway it
 * measures, and the gateway's CPU and heap can be read on their own. Run with
 * {@code MESHGATE_EXIT_WITH_PARENT=stdin}, so it halts when the benchmark JVM is gone, however that happens.
 */
final class GatewayChild implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Extra JVM options for both gateways, e.g. to record a JFR profile of one run: space-separated. */
    static final String EXTRA_OPTIONS_VARIABLE = "MESHGATE_BENCH_GATEWAY_OPTS";
    /** Set by the launcher that started the benchmark: its path, to start gateways the way a user does. */
    private static final String LAUNCHER_PROPERTY = "meshgate.launcher";

    private final String region;
    private final int port;
    private final ChildJvm child;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GatewayChild(String region, int port, ChildJvm child) {
        this.region = region;
        this.port = port;
        this.child = child;
    }

    /** Starts the gateway of {@code region} with {@code config}, listening on 127.0.0.1:{@code port}; returns once live. */
    static GatewayChild start(Path workDir, String region, Path config, int port, int heapMb) {
        GatewayChild gateway = launch(workDir, region, config, port, heapMb);
        gateway.awaitLive(Duration.ofMillis(100));
        return gateway;
    }

    /** Launches the gateway process and returns at once, so that its start-up can be timed from here. */
    static GatewayChild launch(Path workDir, String region, Path config, int port, int heapMb) {
        return launch(workDir, region, config, port, heapMb, true);
    }

    /**
     * As {@link #launch(Path, String, Path, int, int)}; with {@code startupArchive} false, the launcher neither
     * uses nor records the start-up archive ({@code MESHGATE_STARTUP_ARCHIVE=off}).
     */
    static GatewayChild launch(Path workDir, String region, Path config, int port, int heapMb, boolean startupArchive) {
        List<String> options = new ArrayList<>(List.of("-Xms" + heapMb + "m", "-Xmx" + heapMb + "m"));
        String extra = System.getenv().getOrDefault(EXTRA_OPTIONS_VARIABLE, "").replace("{region}", region).strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        List<String> args = List.of("run", "--config", config.toString(), "--region", region, "--listen", "127.0.0.1:" + port);
        Path log = workDir.resolve("gateway-" + region + ".log");
        Map<String, String> environment = new HashMap<>(Map.of("MESHGATE_EXIT_WITH_PARENT", "stdin"));
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        ChildJvm child;
        if (launcher == null) {
            child = ChildJvm.start("gateway " + region, options, "io.meshgate.gateway.cli.MeshgateCli", args, log, environment);
        } else {
            // As a user starts it: the launcher adds the start-up archive it recorded after the build.
            environment.put("MESHGATE_JAVA_OPTS", String.join(" ", options));
            environment.put("MESHGATE_STARTUP_ARCHIVE", startupArchive ? "on" : "off");
            List<String> command = new ArrayList<>(List.of(launcher));
            command.addAll(args);
            child = ChildJvm.run("gateway " + region, command, log, environment);
        }
        return new GatewayChild(region, port, child);
    }

    /** Whether gateways start through the launcher, the only way they get the start-up archive. */
    static boolean throughLauncher() {
        return System.getProperty(LAUNCHER_PROPERTY) != null;
    }

    /** How the benchmark starts gateways, for its report. */
    static String howStarted() {
        return throughLauncher()
                ? "`./meshgate run`, as a user starts one, so with the start-up archive the launcher records after each build"
                : "`java -cp` on the benchmark's class path (not run through `./meshgate`: no start-up archive)";
    }

    /** Polls {@code /health/live} every {@code poll} until it answers 200; stops the process if it never does. */
    void awaitLive(Duration poll) {
        try {
            await().atMost(START_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(poll)
                    .until(() -> !child.alive() || status("/health/live") == 200);
            child.requireAlive();
        } catch (ConditionTimeoutException | BenchmarkException e) {
            child.close();
            throw new BenchmarkException("gateway " + region + " was not live within " + START_TIMEOUT.toSeconds()
                    + " s; end of its log:\n" + child.tail(40), e);
        }
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return child.pid();
    }

    /** Fails with the end of its log if the gateway exited on its own, which it never should. */
    void requireAlive() {
        child.requireAlive();
    }

    /** Bytes of live objects in the gateway's heap, after a full GC ({@link HeapProbe}). */
    long liveHeapBytes() {
        try {
            return HeapProbe.liveBytes(child.pid());
        } catch (IllegalStateException e) {
            child.requireAlive();
            throw new BenchmarkException("gateway " + region + ": " + e.getMessage(), e);
        }
    }

    /** {@code GET path} as JSON; fails on a transport error or an answer other than 200. */
    JsonObject getJson(String path) {
        return new JsonObject(getText(path));
    }

    /** {@code GET path} as text (e.g. {@code /metrics}); fails on a transport error or an answer other than 200. */
    String getText(String path) {
        try {
            HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BenchmarkException("GET " + path + " at gateway " + region + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            child.requireAlive();
            throw new BenchmarkException("GET " + path + " at gateway " + region + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        }
    }

    /** The entry of {@code view} in {@code GET /v1/views}: its size, staleness and state here. */
    JsonObject viewHere(String view) {
        return getJson("/v1/views").getJsonArray("views").stream().map(JsonObject.class::cast)
                .filter(entry -> view.equals(entry.getString("name"))).findFirst()
                .map(entry -> entry.getJsonObject("here", new JsonObject()))
                .orElseThrow(() -> new BenchmarkException("gateway " + region + " does not list view '" + view + "'"));
    }

    /** The state of this gateway's circuit breaker for lookups at {@code peer}: closed, open or half_open. */
    String breakerState(String peer) {
        return getJson("/v1/views").getJsonObject("peers", new JsonObject()).getString(peer);
    }

    private int status(String path) {
        try {
            return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    @Override
    public void close() {
        child.close();
    }
}
