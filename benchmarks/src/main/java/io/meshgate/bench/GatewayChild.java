package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * One meshgate gateway as a child process ({@code MeshgateCli run}), so that its heap and CPU are its own and can
 * be measured apart from the benchmark's clients. Its output goes to a log file in the work folder; its stdin is
 * a pipe we never write, and with {@code MESHGATE_EXIT_WITH_PARENT=stdin} it halts when that pipe closes, so a
 * benchmark JVM that dies for any reason leaves no gateway behind.
 */
final class GatewayChild implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayChild.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long STOP_GRACE_SECONDS = 30;

    private final Process process;
    private final Path log;
    private final int port;

    private GatewayChild(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code region}'s gateway from {@code config}, on 127.0.0.1:{@code port}; returns once it is live. */
    static GatewayChild start(Path config, String region, int port, int heapMb) {
        Path log = config.resolveSibling("gateway-" + region + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m",
                "-cp", System.getProperty("java.class.path"),
                "io.meshgate.gateway.cli.MeshgateCli", "run", "--config", config.toString(), "--region", region,
                "--listen", "127.0.0.1:" + port);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("MESHGATE_EXIT_WITH_PARENT", "stdin");
        GatewayChild gateway;
        try {
            gateway = new GatewayChild(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway process (log: " + log + ")", e);
        }
        try {
            gateway.awaitLive();
        } catch (RuntimeException | Error e) {
            gateway.close();
            throw e;
        }
        Events.info(LOG, "bench.gateway.started", "pid", gateway.pid(), "port", port, "heapMb", heapMb, "log", log);
        return gateway;
    }

    private void awaitLive() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest live = HttpRequest.newBuilder(URI.create(url() + "/health/live")).timeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || answers(http, live));
        } catch (ConditionTimeoutException e) {
            throw new BenchmarkException("the gateway (pid " + pid() + ") was not live within " + START_TIMEOUT.toSeconds()
                    + " s; end of " + log + ":\n" + tail(40), e);
        }
        requireAlive();
    }

    private static boolean answers(HttpClient http, HttpRequest live) {
        try {
            return http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while waiting for the gateway to start", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Fails with the end of its log if the gateway exited on its own, which it never should. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new BenchmarkException("the gateway exited with code " + process.exitValue() + "; end of " + log + ":\n"
                    + tail(40));
        }
    }

    private String tail(int lines) {
        return ChildProcesses.tail(log, lines);
    }

    /** SIGTERM for the gateway's clean stop, SIGKILL after a grace period; then its stdin pipe is closed. */
    @Override
    public void close() {
        ChildProcesses.stop(process, STOP_GRACE_SECONDS);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The child is gone; the pipe is released either way.
        }
        Events.info(LOG, "bench.gateway.stopped", "pid", process.pid(),
                "exitCode", process.isAlive() ? "alive" : process.exitValue());
    }
}
