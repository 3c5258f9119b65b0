package io.meshgate.gateway.cli;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Opt-in: a gateway started by another program (a test, a supervisor) exits when that program is gone, so it
 * is never left running as an orphan. Armed by the environment variable {@value #VARIABLE}{@code =stdin}: the
 * parent holds the write end of our stdin pipe and never writes; the kernel closes it when the parent exits
 * for any reason, SIGKILL included, and we read EOF and halt at once (exit code 1, no shutdown hooks: a gateway
 * without its parent has nobody to finish a clean stop for, and Kafka transactions are safe against a halt).
 *
 * <p>Off when the variable is unset or empty; any other value is a usage error, so a typo never silently
 * disarms it.
 */
final class ParentExitWatch {

    static final String VARIABLE = "MESHGATE_EXIT_WITH_PARENT";
    private static final Logger LOG = LoggerFactory.getLogger(ParentExitWatch.class);

    private ParentExitWatch() {
    }

    /** Starts the watch if {@code environment} asks for it; returns whether it did. */
    static boolean armIfRequested(Map<String, String> environment, InputStream stdin) {
        String mode = environment.getOrDefault(VARIABLE, "");
        if (mode.isEmpty()) {
            return false;
        }
        if (!"stdin".equals(mode)) {
            throw new UsageException("environment variable " + VARIABLE + " is '" + mode
                    + "'; the only supported value is 'stdin' (exit when stdin reaches end of file), or leave it unset");
        }
        Thread watch = new Thread(() -> watch(stdin), "meshgate-parent-exit-watch");
        watch.setDaemon(true);
        watch.start();
        return true;
    }

    private static void watch(InputStream stdin) {
        byte[] ignored = new byte[256];
        try {
            while (stdin.read(ignored) != -1) {
                // The parent never writes; anything read is discarded.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of file: the parent is gone.
        }
        Events.warn(LOG, "gateway.parent.gone", "watch", "stdin", "action", "halt");
        Runtime.getRuntime().halt(1);
    }
}
