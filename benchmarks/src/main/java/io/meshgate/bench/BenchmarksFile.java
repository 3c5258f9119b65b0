package io.meshgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown file benchmark results live in. Each benchmark owns one {@code ## } section and replaces only
 * that one, so results of other benchmarks (and any text around them) survive a run.
 */
final class BenchmarksFile {

    static final String DEFAULT_FILE = "BENCHMARKS.md";

    static final String PREAMBLE = """
            # Benchmarks

            Each section is written by the benchmark program named in it, with the exact command, the date and the
            machine; rerun the command to refresh it. Benchmarks run meshgate side by side with its peer and its ceiling
            in the same run, on the same brokers.

            """;

    private BenchmarksFile() {
    }

    /** Replaces the section starting with the line {@code heading}, or appends it; creates the file if needed. */
    static void writeSection(Path file, String heading, String section) {
        try {
            String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : PREAMBLE;
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, replaceSection(existing, heading, section), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** {@code document} with the section under {@code heading} (up to the next level-2 heading) replaced. */
    static String replaceSection(String document, String heading, String section) {
        List<String> lines = new ArrayList<>(document.lines().toList());
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(heading)) {
                start = i;
                break;
            }
        }
        List<String> replacement = section.strip().lines().toList();
        if (start < 0) {
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(replacement);
            return String.join("\n", lines) + "\n";
        }
        int end = start + 1;
        boolean inFence = false;
        while (end < lines.size()) {
            String line = lines.get(end);
            if (line.startsWith("```")) {
                inFence = !inFence;  // a "## " inside a code block is not a heading
            } else if (!inFence && line.startsWith("## ")) {
                break;
            }
            end++;
        }
        List<String> result = new ArrayList<>(lines.subList(0, start));
        result.addAll(replacement);
        if (end < lines.size()) {
            result.add("");
            result.addAll(lines.subList(end, lines.size()));
        }
        return String.join("\n", result) + "\n";
    }
}
