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

/**
 * Apache Kafka MirrorMaker 2 in dedicated mode ({@code org.apache.kafka.connect.mirror.MirrorMaker}), in a child
 * JVM of its own: its CPU and memory are its own, and stopping it cannot leave threads behind in ours.
 *
 * <p>Configured with MirrorMaker 2's defaults except what a single-broker cluster needs (replication factor 1
 * for the replicated and every internal topic) and {@code tasks.max} = partitions. Runs only the herder of the
 * target cluster ({@code --clusters}), the usual deployment next to the target.
 */
final class MirrorMakerProcess implements AutoCloseable {

    static final String SOURCE_ALIAS = "eu";
    static final String TARGET_ALIAS = "us";

    private static final Logger LOG = LoggerFactory.getLogger(MirrorMakerProcess.class);
    private static final long STOP_GRACE_SECONDS = 30;

    private final Process process;
    private final Path log;

    private MirrorMakerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The topic MirrorMaker 2's default replication policy writes {@code sourceTopic} to. */
    static String targetTopic(String sourceTopic) {
        return SOURCE_ALIAS + "." + sourceTopic;
    }

    static String properties(String sourceBootstrap, String targetBootstrap, List<String> topics, int tasks) {
        return String.join("\n",
                "clusters = " + SOURCE_ALIAS + ", " + TARGET_ALIAS,
                SOURCE_ALIAS + ".bootstrap.servers = " + sourceBootstrap,
                TARGET_ALIAS + ".bootstrap.servers = " + targetBootstrap,
                SOURCE_ALIAS + "->" + TARGET_ALIAS + ".enabled = true",
                SOURCE_ALIAS + "->" + TARGET_ALIAS + ".topics = " + String.join(", ", topics),
                TARGET_ALIAS + "->" + SOURCE_ALIAS + ".enabled = false",
                "tasks.max = " + tasks,
                "# Single-broker clusters: one replica for every topic MirrorMaker 2 creates.",
                "replication.factor = 1",
                "offset-syncs.topic.replication.factor = 1",
                "checkpoints.topic.replication.factor = 1",
                "heartbeats.topic.replication.factor = 1",
                "config.storage.replication.factor = 1",
                "offset.storage.replication.factor = 1",
                "status.storage.replication.factor = 1",
                "");
    }

    /** Writes the config into {@code workDir} and starts the child; returns at once (start-up is measured). */
    static MirrorMakerProcess start(Path workDir, String sourceBootstrap, String targetBootstrap, List<String> topics,
                                    int tasks, int heapMb) {
        Path config = workDir.resolve("mm2.properties");
        Path log = workDir.resolve("mm2.log");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, properties(sourceBootstrap, targetBootstrap, topics, tasks));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m",
                    "-cp", System.getProperty("java.class.path"),
                    MirrorMakerMain.class.getName(), config.toString(), "--clusters", TARGET_ALIAS));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            MirrorMakerProcess mm2 = new MirrorMakerProcess(process, log);
            Events.info(LOG, "bench.mm2.started", "pid", process.pid(), "config", config, "log", log);
            return mm2;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MirrorMaker 2 (log: " + log + ")", e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Fails with the end of its log if the process exited on its own, which it never should. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new BenchmarkException("MirrorMaker 2 exited with code " + process.exitValue() + "; end of " + log
                    + ":\n" + tail(40));
        }
    }

    String tail(int lines) {
        return ChildProcesses.tail(log, lines);
    }

    /** SIGTERM for MirrorMaker 2's own clean shutdown, then SIGKILL after a grace period. */
    @Override
    public void close() {
        ChildProcesses.stop(process, STOP_GRACE_SECONDS);
        Events.info(LOG, "bench.mm2.stopped", "pid", process.pid(), "exitCode", process.isAlive() ? "alive" : process.exitValue());
    }
}
