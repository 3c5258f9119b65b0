package io.meshgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of the HotSpot JIT compiler threads ({@code C1 CompilerThread0}, {@code C2 CompilerThread1}, ...) of
 * some JVMs, read from Linux's {@code /proc/<pid>/task/<tid>/stat}. A compiler thread the JVM retired (their
 * number follows the compile queue) takes its time with it, so this is a lower bound.
 */
final class JitThreads {

    private static final Path PROC = Path.of("/proc");
    /** Linux reports thread CPU time in USER_HZ ticks, which is 100 per second on every architecture it runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** utime and stime: fields 14 and 15 of stat, so 11 and 12 once the fields up to the command name are cut. */
    private static final int UTIME_AFTER_COMM = 11;

    private JitThreads() {
    }

    /** CPU nanoseconds of the compiler threads of every one of {@code pids}, or -1 where /proc does not say. */
    static long cpuNanos(List<Long> pids) {
        if (!Files.isDirectory(PROC)) {
            return -1;
        }
        long total = 0;
        for (long pid : pids) {
            try (Stream<Path> tasks = Files.list(PROC.resolve(Long.toString(pid)).resolve("task"))) {
                total += tasks.mapToLong(JitThreads::compilerTicks).sum() * NANOS_PER_TICK;
            } catch (IOException | RuntimeException e) {
                return -1;  // the process is gone, or this is not Linux
            }
        }
        return total;
    }

    private static long compilerTicks(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).strip();
            if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                return 0;
            }
            return ticksOf(Files.readString(task.resolve("stat")));
        } catch (IOException e) {
            return 0;  // the thread ended between listing and reading
        }
    }

    /** utime + stime of one stat line; the command name may hold spaces and parentheses, so cut at the last ')'. */
    static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[UTIME_AFTER_COMM + 1]);
    }
}
