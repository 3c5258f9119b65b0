package io.meshgate.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a data dir and brings a broker process from nothing to ready, or to a failure that
 * explains itself.
 */
final class BrokerLauncher {

    private static final Logger log = LoggerFactory.getLogger(BrokerLauncher.class);
    private static final int LOG_TAIL_LINES = 40;

    /** What stays the same across restarts of one broker. */
    record Plan(String clusterId, int port, int controllerPort) {
    }

    private BrokerLauncher() {
    }

    /**
     * Reuses the cluster id of the data dir, and its ports where the settings leave them at 0 and
     * they are still free; otherwise picks new ones. Stores the choice for the next start.
     */
    static Plan plan(LocalKafkaBroker.Settings settings) {
        try {
            Files.createDirectories(DataDir.logDir(settings.dataDir()));
        } catch (IOException e) {
            throw new UncheckedIOException("localkafka: cannot create data dir " + settings.dataDir(), e);
        }
        DataDir.State previous = DataDir.load(settings.dataDir())
                .orElse(new DataDir.State(Uuid.randomUuid().toString(), 0, 0));
        int[] fresh = FreePorts.pick(2);
        int port = choosePort(settings, "port", settings.port(), previous.port(), fresh[0]);
        int controllerPort = choosePort(settings, "controllerPort", settings.controllerPort(),
                previous.controllerPort(), fresh[1]);
        Plan plan = new Plan(previous.clusterId(), port, controllerPort);
        DataDir.save(settings.dataDir(), new DataDir.State(plan.clusterId(), port, controllerPort));
        return plan;
    }

    private static int choosePort(LocalKafkaBroker.Settings settings, String field, int requested, int previous,
            int fresh) {
        if (requested != 0) {
            // Checked here because Kafka would only say so after a JVM start and half its boot.
            if (!FreePorts.isFree(settings.host(), requested)) {
                throw new LocalKafkaBrokerException("localkafka: broker '" + settings.name() + "': " + field + " "
                        + requested + " on " + settings.host() + " is already in use");
            }
            return requested;
        }
        if (previous != 0 && FreePorts.isFree(settings.host(), previous)) {
            return previous;
        }
        if (previous != 0) {
            log.warn("localkafka.broker.port.moved name={} field={} previous={} chosen={}",
                    settings.name(), field, previous, fresh);
        }
        return fresh;
    }

    /** Starts a broker process and returns it once ready; kills it and throws otherwise. */
    static BrokerProcess launch(LocalKafkaBroker.Settings settings, Plan plan) {
        long startNanos = System.nanoTime();
        String bootstrap = settings.host() + ":" + plan.port();
        log.info("localkafka.broker.starting name={} dataDir={} bootstrap={} controllerPort={} clusterId={} heapMb={}",
                settings.name(), settings.dataDir(), bootstrap, plan.controllerPort(), plan.clusterId(),
                settings.heapMb());
        ServerProperties.write(ServerProperties.of(settings, plan.port(), plan.controllerPort()),
                DataDir.serverProperties(settings.dataDir()));
        BrokerProcess process = BrokerProcess.launch(settings, BrokerClasspath.resolve(), plan.clusterId());
        BrokerShutdownHook.register(process);
        BrokerReadiness.Outcome outcome;
        try {
            outcome = BrokerReadiness.await(settings, plan.port(), plan.clusterId(), process,
                    Instant.now().plus(settings.startTimeout()));
        } catch (RuntimeException e) {
            discard(process);
            throw e;
        }
        long startMs = (System.nanoTime() - startNanos) / 1_000_000;
        if (outcome != BrokerReadiness.Outcome.READY) {
            // Read the exit code before the kill, which would turn "not ready" into "exited 137".
            String what = process.exitCode().isPresent() ? "exited with code " + process.exitCode().getAsInt()
                    : "was not ready within " + settings.startTimeout().toMillis() + "ms and was killed";
            discard(process);
            log.error("localkafka.broker.start.failed name={} outcome={} pid={} startMs={}",
                    settings.name(), outcome, process.pid(), startMs);
            throw new LocalKafkaBrokerException("localkafka: broker '" + settings.name() + "' on " + bootstrap
                    + " " + what + "\n" + LogTail.describe(DataDir.brokerLog(settings.dataDir()), LOG_TAIL_LINES));
        }
        log.info("localkafka.broker.started name={} bootstrap={} pid={} startMs={}",
                settings.name(), bootstrap, process.pid(), startMs);
        return process;
    }

    private static void discard(BrokerProcess failed) {
        failed.kill();
        BrokerShutdownHook.unregister(failed);
    }
}
