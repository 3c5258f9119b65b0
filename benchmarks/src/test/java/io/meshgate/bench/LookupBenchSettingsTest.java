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

class LookupBenchSettingsTest {

    @Test
    void defaultsMatchTheIssue() {
        LookupBenchSettings settings = LookupBenchSettings.fromArgs(List.of());
        assertEquals(100_000, settings.keys());
        assertEquals(256, settings.valueBytes());
        assertEquals(32, settings.connections());
        assertEquals(20, settings.seconds());
        assertEquals(75, settings.oneWayLatencyMs(), "the issue's WAN: 75 ms one way");
        assertEquals(Path.of("BENCHMARKS.md").toAbsolutePath(), settings.out());
        assertEquals(16, settings.forwardConnections());
    }

    @Test
    void readsEveryOption() {
        LookupBenchSettings settings = LookupBenchSettings.fromArgs(List.of("--keys", "5_000", "--value-bytes=1024",
                "--connections", "8", "--seconds", "3", "--one-way-latency-ms", "0", "--out", "x.md"));
        assertEquals(5_000, settings.keys());
        assertEquals(1024, settings.valueBytes());
        assertEquals(8, settings.connections());
        assertEquals(3, settings.seconds());
        assertEquals(0, settings.oneWayLatencyMs(), "0 ms: the WAN proxy adds nothing");
        assertEquals(Path.of("x.md").toAbsolutePath(), settings.out());
        assertEquals(8, settings.forwardConnections(), "never more forwarded connections than connections");
    }

    @Test
    void mistakesAreOneLineUsageErrors() {
        assertMessage("unknown option '--key' for 'lookups' (did you mean '--keys'?)", "--key", "5");
        assertMessage("option '--keys' needs a whole number from 1 to 10000000, got '0'", "--keys", "0");
        assertMessage("option '--value-bytes' needs a whole number from 100 to 65536, got '10'", "--value-bytes", "10");
        assertMessage("option '--one-way-latency-ms' needs a whole number from 0 to 10000, got '-1'", "--one-way-latency-ms=-1");
        assertMessage("option '--connections' of 'lookups' needs a value", "--connections");
        assertMessage("option '--seconds' given twice", "--seconds", "2", "--seconds", "3");
        assertMessage("'lookups' takes no arguments besides options, got: fast", "fast");
    }

    @Test
    void theRecordRefusesWhatTheCommandLineWould() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LookupBenchSettings(10, 256, 0, 20, 75, Path.of("x.md")));
        assertEquals("lookups benchmark: connections is 0, must be from 1 to 1000", e.getMessage());
    }

    @Test
    void unknownBenchmarksNameTheKnownOnes() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(BenchMain.USAGE, BenchMain.run(List.of("lookup"), System.out, errStream));
        assertEquals("meshgate bench: unknown benchmark 'lookup' (did you mean 'lookups'?); benchmarks: fanout, lookups, push, replication, startup\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheLookupsOptions() {
        String usage = BenchMain.usage();
        for (String option : List.of("--keys", "--value-bytes", "--connections", "--seconds", "--one-way-latency-ms")) {
            assertTrue(usage.contains(option), option);
        }
    }

    private static void assertMessage(String expectedStart, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> LookupBenchSettings.fromArgs(List.of(args)));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
