package io.meshgate.localkafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops, at JVM exit, every broker process this JVM started and did not stop.
 *
 * <p>Belt and braces with the child's stdin watchdog: this hook gives brokers a clean shutdown on a
 * normal exit or SIGTERM; the watchdog covers SIGKILL and crashes, where no hook runs.
 *
 * <p>The registry also keeps each process reachable. That matters: if the {@link Process} were
 * garbage-collected, its stdin pipe would be closed and the watchdog would stop the broker.
 */
final class BrokerShutdownHook {

    private static final Logger log = LoggerFactory.getLogger(BrokerShutdownHook.class);

    /** All brokers together; a JVM exit must not hang on them. */
    private static final Duration BUDGET = Duration.ofSeconds(15);

    private static final Set<BrokerProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Object STOPPED_BY_OWNER = new Object();
    private static volatile boolean installed;
    private static volatile Duration ownerGrace = Duration.ZERO;

    private BrokerShutdownHook() {
    }

    static void register(BrokerProcess process) {
        installOnce();
        RUNNING.add(process);
    }

    static void unregister(BrokerProcess process) {
        RUNNING.remove(process);
        synchronized (STOPPED_BY_OWNER) {
            STOPPED_BY_OWNER.notifyAll();
        }
    }

    /** See {@link LocalKafkaBroker#letOwnerStopFirstOnExit}. */
    static void letOwnerStopFirst(Duration grace) {
        ownerGrace = grace;
    }

    private static synchronized void installOnce() {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(BrokerShutdownHook::stopAll, "localkafka-shutdown-hook"));
            installed = true;
        }
    }

    private static void stopAll() {
        awaitOwner();
        List<BrokerProcess> processes = List.copyOf(RUNNING);
        if (processes.isEmpty()) {
            return;
        }
        log.info("localkafka.shutdownhook.stopping count={} budgetMs={}", processes.size(), BUDGET.toMillis());
        // SIGTERM to all first, so the brokers shut down in parallel rather than one after another.
        processes.forEach(BrokerProcess::requestStop);
        Instant deadline = Instant.now().plus(BUDGET);
        for (BrokerProcess process : processes) {
            if (!process.waitForExit(Duration.between(Instant.now(), deadline))) {
                log.warn("localkafka.shutdownhook.killing pid={}", process.pid());
                process.kill();
            }
        }
    }

    /**
     * Shutdown hooks run at once: an owner that stops what uses its brokers before the brokers (the demo: gateways
     * first) gets up to its grace to do it, since brokers stopped under running gateways leave them waiting on Kafka.
     */
    private static void awaitOwner() {
        Instant deadline = Instant.now().plus(ownerGrace);
        synchronized (STOPPED_BY_OWNER) {
            while (!RUNNING.isEmpty() && Instant.now().isBefore(deadline)) {
                try {
                    STOPPED_BY_OWNER.wait(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
