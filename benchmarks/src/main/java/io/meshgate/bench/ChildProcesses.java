package io.meshgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmark's child JVMs (MirrorMaker 2, a gateway) have in common: each watches its stdin and halts when
 * it closes, logs into a file of the work folder, and is stopped the same way.
 */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * SIGTERM for the child's own clean shutdown, SIGKILL after {@code graceSeconds}. Through the handle:
     * {@link Process#destroy()} would close stdin first, which the child's watchdog answers with a hard halt.
     */
    static void stop(Process process, long graceSeconds) {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of a child's log, for a failure message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
