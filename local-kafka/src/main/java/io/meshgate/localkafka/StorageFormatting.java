package io.meshgate.localkafka;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.tools.StorageTool;

/**
 * Formats the broker's log dirs in-process with Kafka's own storage tool, the code behind
 * {@code kafka-storage.sh format}. Runs in the broker child, before the broker.
 *
 * <p>{@code StorageTool} is used rather than {@code org.apache.kafka.metadata.storage.Formatter}
 * directly: it is Kafka's stable command-line contract, derives every formatter input (node id,
 * controller listener, metadata dir, static or dynamic quorum) from the same server.properties the
 * broker reads, and needs only {@code kafka_2.13} at compile time.
 */
final class StorageFormatting {

    /** Kafka's marker of a formatted log dir. */
    static final String META_PROPERTIES = "meta.properties";

    private StorageFormatting() {
    }

    /**
     * Formats the log dirs that lack {@code meta.properties}; a formatted dir is never touched, so
     * its data and cluster id survive restarts.
     *
     * @return true if something was formatted
     */
    static boolean formatIfNeeded(Path serverPropertiesFile, Properties serverProperties, String clusterId,
            PrintStream out) {
        if (directories(serverProperties).stream().allMatch(StorageFormatting::isFormatted)) {
            return false;
        }
        // Static voters (controller.quorum.voters) mean kraft.version 0: no voter set is written at
        // format time, so neither --standalone nor --initial-controllers applies.
        String[] args = {
            "format",
            "--config", serverPropertiesFile.toString(),
            "--cluster-id", clusterId,
            // Formats only the missing dirs; formatted ones must already agree on the cluster id.
            "--ignore-formatted",
        };
        int exitCode = StorageTool.execute(args, out);
        if (exitCode != 0) {
            throw new IllegalStateException("kafka-storage format " + Arrays.toString(args) + " exited with " + exitCode);
        }
        return true;
    }

    /** The log dirs and the metadata log dir, as Kafka reads them. */
    static List<String> directories(Properties serverProperties) {
        String logDirs = serverProperties.getProperty("log.dirs", serverProperties.getProperty("log.dir", ""));
        String metadataLogDir = serverProperties.getProperty("metadata.log.dir");
        Stream<String> dataDirs = Arrays.stream(logDirs.split(",")).map(String::trim).filter(dir -> !dir.isEmpty());
        return (metadataLogDir == null ? dataDirs : Stream.concat(dataDirs, Stream.of(metadataLogDir.trim())))
                .distinct().toList();
    }

    private static boolean isFormatted(String directory) {
        return Files.isRegularFile(Path.of(directory, META_PROPERTIES));
    }
}
