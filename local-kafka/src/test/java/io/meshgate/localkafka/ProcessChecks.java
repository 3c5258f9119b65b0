package io.meshgate.localkafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether an operating-system process still runs, for tests about processes this JVM did not start. */
final class ProcessChecks {

    private ProcessChecks() {
    }

    /**
     * True while {@code pid} runs. A zombie (exited, not yet reaped, as an orphan is until its new
     * parent reaps it) does not count as running.
     */
    static boolean isRunning(long pid) {
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        try {
            String text = Files.readString(stat);
            // Format: "pid (comm) S ..."; comm may hold spaces and parentheses, the state follows the last ')'.
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false; // no /proc (not Linux) or the process just vanished: rely on ProcessHandle
        }
    }

    /** Ends a process this test started, directly or through a helper, if it still runs. */
    static void killIfRunning(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
