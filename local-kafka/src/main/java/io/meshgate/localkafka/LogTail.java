package io.meshgate.localkafka;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, read from its end so that a large, long-lived log costs nothing. */
final class LogTail {

    /** Enough bytes for the wanted lines even with long stack-trace lines; more are never read. */
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            if (size < length && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first one is cut
            }
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e + ")");
        }
    }

    /** The tail as a block for an exception message. */
    static String describe(Path file, int count) {
        List<String> lines = lastLines(file, count);
        if (lines.isEmpty()) {
            return "--- " + file + " is empty or missing ---";
        }
        return "--- last " + lines.size() + " lines of " + file + " ---\n" + String.join("\n", lines)
                + "\n--- end of " + file.getFileName() + " ---";
    }
}
