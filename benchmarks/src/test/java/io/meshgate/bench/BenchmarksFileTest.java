package io.meshgate.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarksFileTest {

    @Test
    void replacesOnlyItsOwnSection() {
        String document = """
                # Benchmarks

                ## Lookup

                lookup table

                ## Replication

                old table
                ```
                ## not a heading inside a code block
                ```

                ## Push

                push table
                """;
        String result = BenchmarksFile.replaceSection(document, "## Replication", "## Replication\n\nnew table\n");
        assertEquals("""
                # Benchmarks

                ## Lookup

                lookup table

                ## Replication

                new table

                ## Push

                push table
                """, result);
    }

    @Test
    void appendsTheSectionWhenMissing() {
        String result = BenchmarksFile.replaceSection("# Benchmarks\n\n## Lookup\n\nx\n\n", "## Replication", "## Replication\n\ny\n");
        assertEquals("# Benchmarks\n\n## Lookup\n\nx\n\n## Replication\n\ny\n", result);
    }

    @Test
    void createsTheFileWithAPreamble(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        BenchmarksFile.writeSection(file, "## Replication", "## Replication\n\nz\n");
        String written = Files.readString(file);
        assertTrue(written.startsWith("# Benchmarks\n"), written);
        assertTrue(written.endsWith("## Replication\n\nz\n"), written);
    }
}
