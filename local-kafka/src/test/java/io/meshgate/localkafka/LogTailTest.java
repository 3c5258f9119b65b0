package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void lastLinesOfALongFile() throws IOException {
        Path log = dir.resolve("broker.log");
        Files.writeString(log, IntStream.range(0, 10_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

        assertEquals(List.of("line 9997", "line 9998", "line 9999"), LogTail.lastLines(log, 3));
    }

    @Test
    void shortFileGivesAllItsLines() throws IOException {
        Path log = dir.resolve("broker.log");
        Files.writeString(log, "one\ntwo\n");

        assertEquals(List.of("one", "two"), LogTail.lastLines(log, 40));
    }

    @Test
    void missingFileIsSaidSo() {
        Path log = dir.resolve("nothing.log");

        assertEquals(List.of(), LogTail.lastLines(log, 40));
        assertTrue(LogTail.describe(log, 40).contains("is empty or missing"));
    }
}
