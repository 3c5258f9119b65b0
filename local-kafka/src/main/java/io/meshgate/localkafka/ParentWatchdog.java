package io.meshgate.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the broker when the parent JVM is gone, so that no orphan broker keeps ports, disk and CPU.
 *
 * <p>The parent holds the write end of our stdin pipe and never writes. The kernel closes that end
 * when the parent exits for any reason, SIGKILL included, and we read EOF: the one signal of a
 * parent's death that needs neither polling nor cooperation.
 */
final class ParentWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ParentWatchdog.class);

    /** Time for Kafka's clean shutdown (which makes the next start faster) before we halt. */
    static final Duration HALT_AFTER = Duration.ofSeconds(20);

    private ParentWatchdog() {
    }

    static void start(InputStream stdin, String brokerName) {
        Thread watchdog = new Thread(() -> watch(stdin, brokerName), "localkafka-parent-watchdog-" + brokerName);
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void watch(InputStream stdin, String brokerName) {
        byte[] ignored = new byte[256];
        try {
            while (stdin.read(ignored) != -1) {
                // The parent never writes; anything read is discarded.
            }
        } catch (IOException e) {
            // A broken pipe means the same as EOF: the parent is gone.
        }
        log.warn("localkafka.broker.parent.gone name={} action=exit haltAfterMs={}", brokerName, HALT_AFTER.toMillis());
        Timer haltTimer = new Timer("localkafka-halt-timer", true);
        haltTimer.schedule(new TimerTask() {
            @Override
            public void run() {
                Runtime.getRuntime().halt(1);
            }
        }, HALT_AFTER.toMillis());
        System.exit(0); // runs Kafka's shutdown hook; blocks this thread until the JVM is gone
    }
}
