package io.meshgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of another JVM on this machine, by the JDK's own {@code jcmd <pid> GC.class_histogram}: it runs a
 * full collection first and then counts every object still reachable, so the total is what the process really
 * holds, free of garbage and of how big the collector chose to keep its generations.
 */
final class HeapProbe {

    private static final long TIMEOUT_SECONDS = 60;

    private HeapProbe() {
    }

    /** Bytes of live objects in the heap of process {@code pid}, after a full GC. */
    static long liveBytes(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String output;
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new BenchmarkException("jcmd " + pid + " GC.class_histogram did not finish within " + TIMEOUT_SECONDS + " s");
            }
            output = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchmarkException("cannot run " + jcmd + " to measure the heap of process " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while measuring the heap of process " + pid, e);
        }
        return totalBytes(output).orElseThrow(() -> new BenchmarkException("jcmd " + pid
                + " GC.class_histogram printed no 'Total' line:\n" + output.lines().limit(10).reduce("", (a, b) -> a + b + "\n")));
    }

    /** The bytes column of the histogram's {@code Total <instances> <bytes>} line. */
    static java.util.OptionalLong totalBytes(String histogram) {
        List<String> totals = histogram.lines().map(String::strip).filter(line -> line.startsWith("Total ")).toList();
        if (totals.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        String[] fields = totals.get(totals.size() - 1).split("\\s+");
        try {
            return java.util.OptionalLong.of(Long.parseLong(fields[fields.length - 1]));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }
}
