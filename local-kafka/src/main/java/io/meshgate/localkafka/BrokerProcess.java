package io.meshgate.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One broker JVM child process.
 *
 * <p>The child's stdin stays an open pipe owned by this object: the child exits when it reads EOF,
 * which happens when this JVM dies in any way. Its stdout and stderr are appended to
 * {@code broker.log} in the data dir, so nothing blocks on an unread pipe.
 */
final class BrokerProcess {

    private final Process process;

    private BrokerProcess(Process process) {
        this.process = process;
    }

    static BrokerProcess launch(LocalKafkaBroker.Settings settings, String classpath, String clusterId) {
        Path dataDir = settings.dataDir();
        Path brokerLog = DataDir.brokerLog(dataDir);
        appendBanner(brokerLog, settings.name());
        ProcessBuilder builder = new ProcessBuilder(command(settings, classpath, clusterId))
                .directory(dataDir.toFile()) // hs_err files and any relative path land in the data dir
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile()));
        try {
            return new BrokerProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("localkafka: cannot start a broker process for '" + settings.name() + "'", e);
        }
    }

    /** The child's command line; visible for tests. */
    static List<String> command(LocalKafkaBroker.Settings settings, String classpath, String clusterId) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java,
                "-Xms" + settings.initialHeapMb() + "m",
                "-Xmx" + settings.heapMb() + "m",
                // One GC thread and no concurrent GC work: brokers share two cores with gateways.
                "-XX:+UseSerialGC",
                // A broker out of memory is broken; dying loudly beats limping on in a test.
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-D" + BrokerMain.NAME_PROPERTY + "=" + settings.name(),
                "-cp", classpath,
                BrokerMain.class.getName(),
                DataDir.serverProperties(settings.dataDir()).toString(),
                clusterId);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Waits up to {@code timeout} for the process to exit; doubles as a pause that notices an exit. */
    boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * Asks for a clean shutdown: SIGTERM, which runs Kafka's shutdown hook. Sent through the
     * {@link ProcessHandle} because {@link Process#destroy()} also closes the child's stdin, which
     * the child would read as "parent gone".
     */
    void requestStop() {
        process.toHandle().destroy();
    }

    /**
     * SIGTERM, then SIGKILL if the broker is still running at {@code deadline}.
     *
     * @return true if the broker exited by itself before the deadline
     */
    boolean stop(Instant deadline) {
        requestStop();
        if (waitForExit(Duration.between(Instant.now(), deadline))) {
            closePipe();
            return true;
        }
        kill();
        return false;
    }

    /** SIGKILL, and wait for the process to be gone so that its ports and file locks are free. */
    void kill() {
        process.destroyForcibly(); // also closes the stdin pipe
        if (!waitForExit(Duration.ofSeconds(30))) {
            throw new LocalKafkaBrokerException("localkafka: broker pid " + pid() + " survived SIGKILL for 30s");
        }
    }

    private void closePipe() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The child is gone; the descriptor is released either way.
        }
    }

    // Appended logs of several runs are only readable with a marker where each run begins.
    private static void appendBanner(Path brokerLog, String name) {
        String banner = "\n===== meshgate local-kafka: starting broker '" + name + "' at " + Instant.now() + " =====\n";
        try {
            Files.writeString(brokerLog, banner, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("localkafka: cannot write " + brokerLog, e);
        }
    }
}
