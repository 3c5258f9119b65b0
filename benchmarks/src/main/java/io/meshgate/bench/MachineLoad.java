package io.meshgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How busy the whole machine was during a run, from Linux's /proc. A benchmark on a shared machine is only as
 * good as its quiet: the report states how much CPU other processes took, so a reader can judge the figures.
 *
 * @param loadAverageAtStart the 1-minute load average when the run began, or "unknown"
 * @param otherCpuNanos      CPU time of processes that were not part of the benchmark, or -1 when unknown
 * @param capacityNanos      CPU time the machine had during the run (wall time × cores)
 */
record MachineLoad(String loadAverageAtStart, long otherCpuNanos, long capacityNanos) {

    /** USER_HZ, the unit of /proc/stat; 100 on every mainstream Linux architecture. */
    private static final long JIFFY_NANOS = 10_000_000L;

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** CPU time all cores spent busy since boot (anything but idle and I/O wait), or -1 outside Linux. */
    static long busyNanos() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] fields = lines.get(0).trim().split("\\s+"); // "cpu user nice system idle iowait irq softirq steal ..."
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * JIFFY_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static MachineLoad of(String loadAverageAtStart, long busyAtStart, long busyAtEnd, long ourCpuNanos, long wallNanos) {
        long other = busyAtStart < 0 || busyAtEnd < 0 || ourCpuNanos < 0 ? -1 : Math.max(0, busyAtEnd - busyAtStart - ourCpuNanos);
        return new MachineLoad(loadAverageAtStart, other, wallNanos * Runtime.getRuntime().availableProcessors());
    }

    String describe() {
        String load = "1-minute load average " + loadAverageAtStart + " at the start";
        if (otherCpuNanos < 0) {
            return load;
        }
        return String.format(java.util.Locale.ROOT, "%s; other processes used %.0f CPU-s (%.0f%% of the machine) during the run",
                load, otherCpuNanos / 1e9, 100.0 * otherCpuNanos / capacityNanos);
    }
}
