package io.meshgate.chaos.scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a gateway process, as the JDK's own {@code jcmd} reports it: a class histogram of live objects
 * forces a full collection first, so what it totals is what the gateway really holds, not garbage awaiting GC.
 */
final class GatewayHeap {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private GatewayHeap() {
    }

    static long liveBytes(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(List.of(jcmd, Long.toString(pid), "GC.class_histogram"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("jcmd " + pid + " GC.class_histogram failed: " + tail(output));
        }
        Matcher total = TOTAL.matcher(output);
        if (!total.find()) {
            throw new AssertionError("jcmd printed no 'Total' line: " + tail(output));
        }
        return Long.parseLong(total.group(1));
    }

    private static String tail(String output) {
        return output.length() <= 400 ? output : output.substring(output.length() - 400);
    }
}
