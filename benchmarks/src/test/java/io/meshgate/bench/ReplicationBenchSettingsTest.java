package io.meshgate.bench;

import io.meshgate.gateway.cli.UsageException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicationBenchSettingsTest {

    @Test
    void defaultsMatchTheIssue() {
        ReplicationBenchSettings settings = ReplicationBenchSettings.fromArgs(List.of());
        assertEquals(1_000_000, settings.records());
        assertEquals(1024, settings.recordBytes());
        assertEquals(6, settings.partitions());
        assertEquals(10_000, settings.rate());
        assertEquals(20, settings.latencySeconds());
        assertEquals(30, settings.latencyWarmupSeconds());
        assertFalse(settings.skipMm2());
        assertEquals(Path.of("BENCHMARKS.md").toAbsolutePath(), settings.out());
    }

    @Test
    void readsEveryOption() {
        ReplicationBenchSettings settings = ReplicationBenchSettings.fromArgs(List.of("--records", "100_000",
                "--record-bytes=512", "--partitions", "3", "--rate", "500", "--latency-seconds", "7", "--latency-warmup-seconds", "0", "--skip-mm2",
                "--out", "x.md"));
        assertEquals(100_000, settings.records());
        assertEquals(512, settings.recordBytes());
        assertEquals(3, settings.partitions());
        assertEquals(500, settings.rate());
        assertEquals(7, settings.latencySeconds());
        assertEquals(0, settings.latencyWarmupSeconds());
        assertTrue(settings.skipMm2());
        assertEquals(Path.of("x.md").toAbsolutePath(), settings.out());
    }

    @Test
    void mistakesAreOneLineUsageErrors() {
        assertMessage("unknown option '--recods' for 'replication' (did you mean '--records'?)", "--recods", "5");
        assertMessage("option '--records' needs a whole number from 1 to 100000000, got '0'", "--records", "0");
        assertMessage("option '--rate' of 'replication' needs a value", "--rate");
        assertMessage("option '--skip-mm2' of 'replication' takes no value, got 'yes'", "--skip-mm2=yes");
        assertMessage("option '--partitions' given twice", "--partitions", "2", "--partitions", "3");
        assertMessage("'replication' takes no arguments besides options, got: fast", "fast");
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(BenchMain.USAGE, BenchMain.run(List.of("replikation"), System.out, errStream));
        assertEquals("meshgate bench: unknown benchmark 'replikation' (did you mean 'replication'?); benchmarks: fanout, lookups, push, replication, startup\n",
                err.toString(StandardCharsets.UTF_8));
    }

    private static void assertMessage(String expectedStart, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> ReplicationBenchSettings.fromArgs(List.of(args)));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
