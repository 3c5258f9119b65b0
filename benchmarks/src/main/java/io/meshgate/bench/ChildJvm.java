package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java child process on this JVM's class path (MirrorMaker 2, a gateway): its CPU and memory are its own, and
 * stopping it cannot leave threads behind in ours. Its output is appended to a log file; its stdin is a pipe we
 * keep open and never write, so a child that watches it (MirrorMaker 2's watchdog, a gateway run with
 * {@code MESHGATE_EXIT_WITH_PARENT=stdin}) exits when this JVM is gone for any reason, SIGKILL included.
 */
final class ChildJvm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final long STOP_GRACE_SECONDS = 30;

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code jvmOptions} and {@code args}; returns at once (start-up may be measured). */
    static ChildJvm start(String name, List<String> jvmOptions, String mainClass, List<String> args, Path log,
                          Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return run(name, command, log, environment);
    }

    /**
     * Runs {@code command}, which must end in a JVM of the same process ({@code exec java}, as the meshgate
     * launcher does), so that its pid is the JVM's; returns at once.
     */
    static ChildJvm run(String name, List<String> command, Path log, Map<String, String> environment) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            Process process = builder.start();
            Events.info(LOG, "bench.child.started", "name", name, "pid", process.pid(), "log", log);
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (log: " + log + ")", e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Fails with the end of its log if the process exited on its own, which it never should. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new BenchmarkException(name + " exited with code " + process.exitValue() + "; end of " + log
                    + ":\n" + tail(40));
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM for the child's own clean shutdown, then SIGKILL after a grace period, then its stdin pipe is closed; idempotent. */
    @Override
    public void close() {
        // Through the handle: Process.destroy() would also close stdin, which the child reads as "parent gone"
        // and answers with an immediate halt, cutting its clean shutdown short.
        process.toHandle().destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The child is gone; the pipe is released either way.
        }
        Events.info(LOG, "bench.child.stopped", "name", name, "pid", process.pid(),
                "exitCode", process.isAlive() ? "alive" : process.exitValue());
    }
}
