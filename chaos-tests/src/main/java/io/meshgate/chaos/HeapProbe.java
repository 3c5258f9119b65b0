package io.meshgate.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of another JVM on this machine (a gateway process), by the JDK's own
 * {@code jcmd <pid> GC.class_histogram}: it runs a full collection first and then counts every object still
 * reachable, so the total is what the process really holds, free of garbage awaiting GC and of how big the
 * collector chose to keep its generations. Used by the chaos tests and by the fan-out benchmark.
 */
public final class HeapProbe {

    private static final long TIMEOUT_SECONDS = 60;

    private HeapProbe() {
    }

    /**
     * Bytes of live objects in the heap of process {@code pid}, after a full GC.
     *
     * @throws IllegalStateException if jcmd cannot be run, fails, takes too long or prints no total
     */
    public static long liveBytes(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String output;
        int exitCode;
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " GC.class_histogram did not finish within "
                        + TIMEOUT_SECONDS + " s");
            }
            output = new String(bytes, StandardCharsets.UTF_8);
            exitCode = process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd + " to measure the heap of process " + pid + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the heap of process " + pid, e);
        }
        OptionalLong total = exitCode == 0 ? totalBytes(output) : OptionalLong.empty();
        if (total.isEmpty()) {
            throw new IllegalStateException("jcmd " + pid + " GC.class_histogram exited with code " + exitCode
                    + " and printed no 'Total' line: " + tail(output));
        }
        return total.getAsLong();
    }

    /** The bytes column of the histogram's {@code Total <instances> <bytes>} line; empty when there is none. */
    static OptionalLong totalBytes(String histogram) {
        List<String> totals = histogram.lines().map(String::strip).filter(line -> line.startsWith("Total ")).toList();
        if (totals.isEmpty()) {
            return OptionalLong.empty();
        }
        String[] fields = totals.get(totals.size() - 1).split("\\s+");
        try {
            return OptionalLong.of(Long.parseLong(fields[fields.length - 1]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String tail(String output) {
        return output.length() <= 400 ? output : "..." + output.substring(output.length() - 400);
    }
}
