package io.meshgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Apache Kafka MirrorMaker 2 in dedicated mode ({@code org.apache.kafka.connect.mirror.MirrorMaker}), in a
 * {@link ChildJvm} of its own.
 *
 * <p>Configured with MirrorMaker 2's defaults except what a single-broker cluster needs (replication factor 1
 * for the replicated and every internal topic) and {@code tasks.max} = partitions. Runs only the herder of the
 * target cluster ({@code --clusters}), the usual deployment next to the target.
 */
final class MirrorMakerProcess implements AutoCloseable {

    static final String SOURCE_ALIAS = "eu";
    static final String TARGET_ALIAS = "us";

    private final ChildJvm child;

    private MirrorMakerProcess(ChildJvm child) {
        this.child = child;
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
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, properties(sourceBootstrap, targetBootstrap, topics, tasks));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        return new MirrorMakerProcess(ChildJvm.start("MirrorMaker 2", List.of("-Xms" + heapMb + "m", "-Xmx" + heapMb + "m"),
                MirrorMakerMain.class.getName(), List.of(config.toString(), "--clusters", TARGET_ALIAS),
                workDir.resolve("mm2.log"), Map.of()));
    }

    long pid() {
        return child.pid();
    }

    /** Fails with the end of its log if the process exited on its own, which it never should. */
    void requireAlive() {
        child.requireAlive();
    }

    /** SIGTERM for MirrorMaker 2's own clean shutdown, then SIGKILL after a grace period. */
    @Override
    public void close() {
        child.close();
    }
}
