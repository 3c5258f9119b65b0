package io.meshgate.localkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process) running as a
 * child process of this JVM, for the demo, integration tests and benchmarks.
 *
 * <p>{@link #start(Settings)} returns only once clients can use the broker. The data dir keeps the
 * cluster id, the ports and the logs, so a broker restarted on it keeps its data. The broker exits
 * when this JVM exits, however that happens.
 *
 * <p>Thread-safe: lifecycle methods are serialized; {@link #pid()} and {@link #isAlive()} never
 * block, even during a start or restart.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

    private final Settings settings;
    private final BrokerLauncher.Plan plan;
    private volatile BrokerProcess process; // written under this; null while stopped

    private LocalKafkaBroker(Settings settings, BrokerLauncher.Plan plan) {
        this.settings = settings;
        this.plan = plan;
    }

    /**
     * Starts a broker and waits until it is ready. On an existing data dir it reuses the cluster id
     * and, where the settings leave them at 0 and they are still free, the ports of the last start.
     *
     * @throws LocalKafkaBrokerException if the broker exits or is not ready within the start
     *     timeout; the message holds the exit code and the end of {@code broker.log}
     */
    public static LocalKafkaBroker start(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        LocalKafkaBroker broker = new LocalKafkaBroker(settings, BrokerLauncher.plan(settings));
        broker.process = BrokerLauncher.launch(settings, broker.plan);
        return broker;
    }

    /**
     * Starts several brokers side by side (each takes seconds, mostly JVM and KRaft start-up) and returns them in
     * the order of {@code settings}, once all are ready.
     *
     * @throws LocalKafkaBrokerException the first failure, after the brokers that did start were stopped
     */
    public static List<LocalKafkaBroker> startAll(List<Settings> settings) {
        return ParallelStart.startAll(settings, LocalKafkaBroker::start, LocalKafkaBroker::stop);
    }

    /**
     * Stops the broker if it runs and starts it again on the same data dir, ports and cluster id.
     *
     * @return this broker, now running a new process
     * @throws LocalKafkaBrokerException as {@link #start(Settings)}; the broker is then stopped
     */
    public synchronized LocalKafkaBroker restart() {
        stop();
        process = BrokerLauncher.launch(settings, plan);
        return this;
    }

    /** Graceful stop: SIGTERM, up to 30s for Kafka's own shutdown, then SIGKILL. Idempotent. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        long startNanos = System.nanoTime();
        boolean graceful = process.stop(Instant.now().plus(GRACEFUL_STOP));
        log.info("localkafka.broker.stopped name={} pid={} graceful={} exitCode={} stopMs={}", settings.name(),
                process.pid(), graceful, process.exitCode().orElse(-1), (System.nanoTime() - startNanos) / 1_000_000);
        BrokerShutdownHook.unregister(process);
        process = null;
    }

    /**
     * Brokers still running when the JVM exits are stopped by a shutdown hook of this class, at once. A program that
     * stops them itself on exit, after what uses them, calls this so that the hook first waits up to {@code grace}
     * for it (and stops whatever is still running then).
     */
    public static void letOwnerStopFirstOnExit(Duration grace) {
        BrokerShutdownHook.letOwnerStopFirst(grace);
    }

    /** SIGKILL, as a crash would; returns once the process is gone. {@link #restart()} brings it back. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.kill();
        log.info("localkafka.broker.killed name={} pid={}", settings.name(), process.pid());
        BrokerShutdownHook.unregister(process);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    public String bootstrapServers() {
        return settings.host() + ":" + plan.port();
    }

    public int port() {
        return plan.port();
    }

    public int controllerPort() {
        return plan.controllerPort();
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    public String clusterId() {
        return plan.clusterId();
    }

    public Settings settings() {
        return settings;
    }

    /** The pid of the current broker process, or -1 after {@link #stop()} or {@link #kill()}. */
    public long pid() {
        BrokerProcess current = process;
        return current == null ? -1 : current.pid();
    }

    /** False after {@link #stop()} or {@link #kill()}, and when the broker process died by itself. */
    public boolean isAlive() {
        BrokerProcess current = process;
        return current != null && current.isAlive();
    }

    @Override
    public String toString() {
        return "LocalKafkaBroker[" + settings.name() + " " + bootstrapServers() + " pid=" + pid() + "]";
    }

    /**
     * How to run one broker. Immutable and validated on construction; start from
     * {@link #of(Path)} and change fields with the {@code with...} methods.
     *
     * @param name                  for log lines and the broker's log, e.g. {@code eu-west}
     * @param dataDir               log dirs, broker.log and the state kept across restarts
     * @param host                  the address the broker listens on and advertises
     * @param port                  client port; 0 picks a free one (or reuses the last one)
     * @param controllerPort        KRaft controller port; 0 picks a free one (or reuses the last one)
     * @param heapMb                maximum heap of the broker JVM, at least {@value #MIN_HEAP_MB}
     * @param initialHeapMb         heap the broker JVM starts with, at most {@code heapMb}: small by default, so that
     *                              the many brokers of a test run take little memory; {@code heapMb} to run it as
     *                              Kafka's start script does, whose young generation is then large enough to
     *                              collect seconds apart rather than several times a second under load
     * @param extraBrokerProperties Kafka broker configs applied over the defaults
     * @param startTimeout          how long {@link #start(Settings)} waits for the broker to be ready
     */
    public record Settings(String name, Path dataDir, String host, int port, int controllerPort, int heapMb,
            int initialHeapMb, Map<String, String> extraBrokerProperties, Duration startTimeout) {

        public static final String DEFAULT_NAME = "kafka";
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_HEAP_MB = 512;
        /** Below this, Kafka's own buffers and caches leave no room for data. */
        public static final int MIN_HEAP_MB = 128;
        public static final int MAX_HEAP_MB = 32 * 1024;
        public static final int DEFAULT_INITIAL_HEAP_MB = 64;
        public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

        public Settings {
            String what = SettingsValidation.name(name);
            dataDir = SettingsValidation.dataDir(what, dataDir);
            SettingsValidation.host(what, host);
            SettingsValidation.ports(what, port, controllerPort);
            SettingsValidation.heap(what, heapMb, initialHeapMb);
            extraBrokerProperties = SettingsValidation.extraBrokerProperties(what, extraBrokerProperties);
            SettingsValidation.startTimeout(what, startTimeout);
        }

        /** Defaults for everything but the data dir. */
        public static Settings of(Path dataDir) {
            return new Settings(DEFAULT_NAME, dataDir, DEFAULT_HOST, 0, 0, DEFAULT_HEAP_MB, DEFAULT_INITIAL_HEAP_MB, Map.of(),
                    DEFAULT_START_TIMEOUT);
        }

        public Settings withName(String newName) {
            return new Settings(newName, dataDir, host, port, controllerPort, heapMb, initialHeapMb, extraBrokerProperties, startTimeout);
        }

        public Settings withHost(String newHost) {
            return new Settings(name, dataDir, newHost, port, controllerPort, heapMb, initialHeapMb, extraBrokerProperties, startTimeout);
        }

        public Settings withPort(int newPort) {
            return new Settings(name, dataDir, host, newPort, controllerPort, heapMb, initialHeapMb, extraBrokerProperties, startTimeout);
        }

        public Settings withControllerPort(int newPort) {
            return new Settings(name, dataDir, host, port, newPort, heapMb, initialHeapMb, extraBrokerProperties, startTimeout);
        }

        /** A new maximum heap; the initial heap stays as it was, or shrinks to fit. */
        public Settings withHeapMb(int newHeapMb) {
            return new Settings(name, dataDir, host, port, controllerPort, newHeapMb, Math.min(initialHeapMb, newHeapMb),
                    extraBrokerProperties, startTimeout);
        }

        public Settings withInitialHeapMb(int newInitialHeapMb) {
            return new Settings(name, dataDir, host, port, controllerPort, heapMb, newInitialHeapMb, extraBrokerProperties,
                    startTimeout);
        }

        public Settings withExtraBrokerProperties(Map<String, String> properties) {
            return new Settings(name, dataDir, host, port, controllerPort, heapMb, initialHeapMb, properties, startTimeout);
        }

        /** Adds or replaces one extra broker property. */
        public Settings withExtraBrokerProperty(String key, String value) {
            Map<String, String> properties = new HashMap<>(extraBrokerProperties);
            properties.put(key, value);
            return withExtraBrokerProperties(properties);
        }

        public Settings withStartTimeout(Duration newTimeout) {
            return new Settings(name, dataDir, host, port, controllerPort, heapMb, initialHeapMb, extraBrokerProperties, newTimeout);
        }
    }
}
