package io.meshgate.localkafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The layout of a broker's data directory, and the little state this module keeps in it so that a
 * restart finds the same cluster id and ports.
 *
 * <pre>
 * dataDir/
 *   logs/                   Kafka log dir and KRaft metadata log (meta.properties once formatted)
 *   server.properties       generated at every start
 *   broker.log              the child's stdout and stderr, appended across restarts
 *   local-kafka.properties  cluster id and ports chosen at the first start
 * </pre>
 */
final class DataDir {

    private static final String CLUSTER_ID = "cluster.id";
    private static final String PORT = "port";
    private static final String CONTROLLER_PORT = "controller.port";

    private DataDir() {
    }

    static Path logDir(Path dataDir) {
        return dataDir.resolve("logs");
    }

    static Path serverProperties(Path dataDir) {
        return dataDir.resolve("server.properties");
    }

    static Path brokerLog(Path dataDir) {
        return dataDir.resolve("broker.log");
    }

    static Path stateFile(Path dataDir) {
        return dataDir.resolve("local-kafka.properties");
    }

    /** Kafka's own marker of a formatted log dir; its presence means "never format again". */
    static Path metaProperties(Path dataDir) {
        return logDir(dataDir).resolve("meta.properties");
    }

    /** What a previous start chose. Ports are 0 when unknown. */
    record State(String clusterId, int port, int controllerPort) {
    }

    /**
     * The stored state, if any. The cluster id in {@code meta.properties} wins over ours because
     * it is what the broker will check at start-up.
     */
    static Optional<State> load(Path dataDir) {
        Properties ours = read(stateFile(dataDir));
        Properties kafkas = read(metaProperties(dataDir));
        String clusterId = kafkas.getProperty(CLUSTER_ID, ours.getProperty(CLUSTER_ID));
        if (clusterId == null) {
            return Optional.empty();
        }
        return Optional.of(new State(clusterId,
                Integer.parseInt(ours.getProperty(PORT, "0")),
                Integer.parseInt(ours.getProperty(CONTROLLER_PORT, "0"))));
    }

    static void save(Path dataDir, State state) {
        Properties props = new Properties();
        props.setProperty(CLUSTER_ID, state.clusterId());
        props.setProperty(PORT, String.valueOf(state.port()));
        props.setProperty(CONTROLLER_PORT, String.valueOf(state.controllerPort()));
        try (Writer out = Files.newBufferedWriter(stateFile(dataDir), StandardCharsets.UTF_8)) {
            props.store(out, "meshgate local-kafka: reused by the next start on this data dir");
        } catch (IOException e) {
            throw new UncheckedIOException("localkafka: cannot write " + stateFile(dataDir), e);
        }
    }

    private static Properties read(Path file) {
        Properties props = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("localkafka: cannot read " + file, e);
            }
        }
        return props;
    }
}
