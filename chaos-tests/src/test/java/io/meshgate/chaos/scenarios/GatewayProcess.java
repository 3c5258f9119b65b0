package io.meshgate.chaos.scenarios;

import io.meshgate.chaos.tls.TestTls;

import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One gateway as a real child process ({@code meshgate run}), so that a test can crash it with SIGKILL the way a
 * machine or an OOM killer would, and start it again on the same port.
 *
 * <p>Its stdout and stderr are appended to a log file (a banner marks each start). Its stdin is a pipe this
 * object keeps open and never writes: with {@code MESHGATE_EXIT_WITH_PARENT=stdin} the gateway halts when
 * that pipe closes, so a crashed or killed test JVM leaves no orphan gateway behind.
 *
 * <p>Lifecycle methods are synchronized; call them from the test thread.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final Path config;
    private final String region;
    private final int port;
    private final int instance;
    private final Path logFile;
    /** The certificate the gateway serves TLS with and its peers trust; null for plain HTTP. */
    private final TestTls tls;
    private final HttpClient http;
    private volatile Process process;
    private int starts;

    private GatewayProcess(Path config, String region, int instance, int port, Path logFile, TestTls tls) {
        this.tls = tls;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        try {
            this.http = (tls == null ? client : client.sslContext(tls.clientContext())).build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the test certificate " + tls.trustStore(), e);
        }
        this.instance = instance;
        this.config = config;
        this.region = region;
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts {@code meshgate run} for {@code region} listening on 127.0.0.1:{@code port}; returns once it is live. */
    static GatewayProcess start(Path config, String region, int port, Path logFile) {
        return start(config, region, 1, port, logFile);
    }

    /** Starts instance {@code instance} of a region whose instances share work ({@code meshgate run --instance N}). */
    static GatewayProcess start(Path config, String region, int instance, int port, Path logFile) {
        GatewayProcess gateway = new GatewayProcess(config, region, instance, port, logFile, null);
        gateway.launch();
        return gateway;
    }

    /**
     * Starts {@code meshgate run} serving HTTPS and WSS with {@code tls}'s certificate ({@code --tls-cert},
     * {@code --tls-key}), its JVM trusting that certificate in peers, as an operator configures a private CA.
     */
    static GatewayProcess startServingTls(Path config, String region, int port, Path logFile, TestTls tls) {
        GatewayProcess gateway = new GatewayProcess(config, region, 1, port, logFile, tls);
        gateway.launch();
        return gateway;
    }

    /** SIGKILL, as a crash would; returns once the process is gone. Its log says nothing more: no hook runs. */
    synchronized void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        awaitExit(current, "SIGKILL");
        process = null;
        LOG.info("gateway.process.killed region={} pid={} exitCode={}", region, current.pid(), current.exitValue());
    }

    /** SIGTERM, so the gateway's shutdown hook stops it cleanly; returns once it exited. */
    synchronized void stop() {
        Process current = process;
        if (current == null) {
            return;
        }
        // Through the handle: Process.destroy() would also close stdin, which the gateway reads as "parent gone"
        // and answers with an immediate halt, cutting its clean shutdown short.
        current.toHandle().destroy();
        awaitExit(current, "SIGTERM");
        closeStdin(current);
        process = null;
        LOG.info("gateway.process.stopped region={} pid={} exitCode={}", region, current.pid(), current.exitValue());
    }

    /**
     * Starts the gateway again with the same config and port, after a {@link #kill()} or {@link #stop()};
     * a gateway still running is stopped cleanly first. Returns once the new process is live.
     */
    synchronized GatewayProcess restart() {
        stop();
        launch();
        return this;
    }

    @Override
    public void close() {
        stop();
    }

    int port() {
        return port;
    }

    long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * {@code GET path} as a string body; throws on a transport error or a non-200 answer, and with the end of the
     * log when the gateway has died on its own.
     */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            Process current = process;
            if (current != null && !current.isAlive()) {
                throw new AssertionError("gateway " + region + " (pid " + current.pid() + ") exited by itself with code "
                        + current.exitValue() + "\n" + logTail(), e);
            }
            throw e;
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " on " + region + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The last lines of the log, as a block for a failure message. */
    String logTail() {
        List<String> lines;
        try {
            lines = Arrays.asList(new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).split("\\R"));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        return "--- last " + tail.size() + " lines of " + logFile + " ---\n" + String.join("\n", tail) + "\n--- end ---";
    }

    private synchronized void launch() {
        starts++;
        appendBanner();
        long startNanos = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE) // kept open and never written: see the class comment
                .directory(logFile.getParent().toFile()); // where an hs_err file would land
        builder.environment().put("MESHGATE_EXIT_WITH_PARENT", "stdin");
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a gateway process for " + region, e);
        }
        process = started;
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> !started.isAlive() || isLive());
        } catch (ConditionTimeoutException e) {
            kill();
            throw new AssertionError("gateway " + region + " (pid " + started.pid() + ") was not live within "
                    + START_TIMEOUT.toSeconds() + " s and was killed\n" + logTail(), e);
        }
        if (!started.isAlive()) {
            process = null;
            throw new AssertionError("gateway " + region + " (pid " + started.pid() + ") exited with code "
                    + started.exitValue() + " while starting\n" + logTail());
        }
        LOG.info("gateway.process.live region={} pid={} port={} start={} startMs={}", region, started.pid(), port, starts,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    private List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "-Xmx256m",
                // One GC thread: gateways share two cores with brokers and the test JVM.
                "-XX:+UseSerialGC"));
        if (tls != null) {
            command.addAll(tls.peerTrustJvmOptions());
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "io.meshgate.gateway.cli.MeshgateCli", "run",
                "--config", config.toString(),
                "--region", region,
                "--instance", Integer.toString(instance),
                "--listen", "127.0.0.1:" + port));
        if (tls != null) {
            command.addAll(List.of("--tls-cert", tls.certFile().toString(), "--tls-key", tls.keyFile().toString()));
        }
        return command;
    }

    private boolean isLive() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/live"))
                    .timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5)).build();
    }

    /** Where this gateway serves: https when it was started with a certificate. */
    String baseUrl() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    private void awaitExit(Process current, String signal) {
        try {
            if (!current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                current.destroyForcibly();
                throw new AssertionError("gateway " + region + " (pid " + current.pid() + ") still ran "
                        + STOP_TIMEOUT.toSeconds() + " s after " + signal + "\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
            throw new AssertionError("interrupted while waiting for gateway " + region + " to exit", e);
        }
    }

    private static void closeStdin(Process exited) {
        try {
            exited.getOutputStream().close();
        } catch (IOException ignored) {
            // The child is gone; the descriptor is released either way.
        }
    }

    // Logs of several starts are appended to one file; only readable with a marker where each begins.
    private void appendBanner() {
        String banner = "\n===== GatewayProcess: start #" + starts + " of gateway '" + region + "' at " + Instant.now() + " =====\n";
        try {
            Files.writeString(logFile, banner, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
    }
}
