package io.meshgate.bench;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.cli.UsageException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FanoutBenchSettingsTest {

    @Test
    void defaultsMeetTheIssuesTargetWithRoomToSpare() {
        FanoutBenchSettings settings = FanoutBenchSettings.fromArgs(List.of());
        assertEquals(1000, settings.subscribers());
        assertEquals(110, settings.rate());
        assertEquals(20, settings.seconds());
        assertEquals(256, settings.recordBytes());
        assertEquals(6, settings.partitions());
        assertEquals(Path.of("BENCHMARKS.md").toAbsolutePath(), settings.out());
        assertTrue(settings.offeredEventsPerSecond() > FanoutReport.TARGET_EVENTS_PER_SECOND,
                "the default load must ask for more than the target, or meeting it would say nothing");
    }

    @Test
    void readsEveryOption() {
        FanoutBenchSettings settings = FanoutBenchSettings.fromArgs(List.of("--subscribers", "200", "--rate=500",
                "--seconds", "10", "--record-bytes", "1_024", "--partitions", "3", "--out", "x.md"));
        assertEquals(200, settings.subscribers());
        assertEquals(500, settings.rate());
        assertEquals(10, settings.seconds());
        assertEquals(1024, settings.recordBytes());
        assertEquals(3, settings.partitions());
        assertEquals(Path.of("x.md").toAbsolutePath(), settings.out());
        assertEquals(100_000, settings.offeredEventsPerSecond());
        assertEquals(new PacedWindow(500, Duration.ofSeconds(10), Duration.ofSeconds(10)), settings.paced());
    }

    @Test
    void mistakesAreOneLineUsageErrors() {
        assertMessage("unknown option '--subscriber' for 'fanout' (did you mean '--subscribers'?)", "--subscriber", "5");
        assertMessage("option '--subscribers' needs a whole number from 1 to 50000, got '0'", "--subscribers", "0");
        assertMessage("option '--rate' needs a whole number from 1 to 100000, got 'fast'", "--rate", "fast");
        assertMessage("option '--seconds' of 'fanout' needs a value", "--seconds");
        assertMessage("option '--partitions' given twice", "--partitions", "2", "--partitions", "3");
        assertMessage("'fanout' takes no arguments besides options, got: now", "now");
    }

    @Test
    void settingsOutsideTheirRangeAreRefusedOnConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FanoutBenchSettings(10, 0, 10, 256, 6, Path.of("x.md")));
        assertEquals("fanout benchmark: rate is 0, must be from 1 to 100000", e.getMessage());
    }

    @Test
    void theMeshIsOneRegionTheGatewayAcceptsWithRoomForEverySubscriber() {
        MeshConfig mesh = MeshConfigLoader.parse(FanoutBenchmark.meshYaml("127.0.0.1:9092", 18080, 5000), "mesh.yaml");
        assertEquals(List.of(FanoutBenchmark.REGION), List.copyOf(mesh.regions().keySet()));
        assertTrue(mesh.streams().containsKey(FanoutBenchmark.STREAM));
        assertTrue(mesh.subscriptions().maxPerClient() >= 5000, "all subscribers come from one host: one client");
    }

    @Test
    void benchMainKnowsFanout() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(BenchMain.USAGE, BenchMain.run(List.of("fanuot"), System.out, errStream));
        assertEquals("meshgate bench: unknown benchmark 'fanuot' (did you mean 'fanout'?); benchmarks: fanout, lookups, push, replication, startup\n",
                err.toString(StandardCharsets.UTF_8));
        assertTrue(BenchMain.usage().contains("meshgate bench fanout [--subscribers N]"), BenchMain.usage());
    }

    private static void assertMessage(String expectedStart, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> FanoutBenchSettings.fromArgs(List.of(args)));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
