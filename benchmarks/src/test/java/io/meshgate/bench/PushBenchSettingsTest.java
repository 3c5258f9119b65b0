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

class PushBenchSettingsTest {

    @Test
    void defaultsMatchTheBrief() {
        PushBenchSettings settings = PushBenchSettings.fromArgs(List.of());
        assertEquals(100, settings.rate());
        assertEquals(50, settings.latencyMs());
        assertEquals(Duration.ofMillis(50), settings.latency());
        assertEquals(4, settings.subscribers());
        assertEquals(new PacedWindow(100, Duration.ofSeconds(60), Duration.ofSeconds(20)), settings.paced());
        assertEquals(6, settings.partitions());
        assertEquals(256, settings.recordBytes());
        assertEquals(Path.of("BENCHMARKS.md").toAbsolutePath(), settings.out());
    }

    @Test
    void readsEveryOption() {
        PushBenchSettings settings = PushBenchSettings.fromArgs(List.of("--rate", "1_000", "--latency-ms=0",
                "--subscribers", "2", "--warmup-seconds", "0", "--seconds", "3", "--partitions", "1",
                "--record-bytes", "64", "--out", "x.md"));
        assertEquals(1000, settings.rate());
        assertEquals(0, settings.latencyMs(), "0 ms: the WAN proxy adds nothing");
        assertEquals(2, settings.subscribers());
        assertEquals(new PacedWindow(1000, Duration.ZERO, Duration.ofSeconds(3)), settings.paced());
        assertEquals(1, settings.partitions());
        assertEquals(64, settings.recordBytes());
        assertEquals(Path.of("x.md").toAbsolutePath(), settings.out());
    }

    @Test
    void mistakesAreOneLineUsageErrorsNamingTheFlag() {
        assertMessage("unknown option '--latncy-ms' for 'push' (did you mean '--latency-ms'?)", "--latncy-ms", "5");
        assertMessage("option '--rate' needs a whole number from 1 to 10000, got '0'", "--rate", "0");
        assertMessage("option '--latency-ms' needs a whole number from 0 to 5000, got '-1'", "--latency-ms=-1");
        assertMessage("option '--subscribers' needs a whole number from 1 to 1000, got 'many'", "--subscribers", "many");
        assertMessage("option '--seconds' of 'push' needs a value", "--seconds");
        assertMessage("option '--rate' given twice", "--rate", "2", "--rate", "3");
        assertMessage("'push' takes no arguments besides options, got: now", "now");
    }

    @Test
    void settingsOutsideTheirRangeAreRefusedOnConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PushBenchSettings(100, 50, 4, 5, 0, 6, 256, Path.of("x.md")));
        assertEquals("push benchmark: seconds is 0, must be from 1 to 3600", e.getMessage());
    }

    @Test
    void theMeshReplicatesTheStreamFromTheOriginToTheRegionAcrossTheWan() {
        MeshConfig mesh = MeshConfigLoader.parse(MeshgatePair.meshYaml("127.0.0.1:9092", "127.0.0.1:9093", 18080, 18081,
                java.util.Map.of(PushBenchmark.STREAM, PushBenchmark.STREAM)), "mesh.yaml");
        assertEquals(List.of(WanMesh.ORIGIN), mesh.streams().get(PushBenchmark.STREAM).origins());
        assertEquals(List.of(WanMesh.REPLICA), mesh.streams().get(PushBenchmark.STREAM).replicateTo());
    }

    @Test
    void replicaCommitsAreReadFromTheReceivingGatewaysMetrics() {
        String metrics = """
                # TYPE meshgate_replication_transactions_total counter
                meshgate_replication_transactions_total{origin="eu-west",outcome="aborted",stream="push"} 1.0
                meshgate_replication_transactions_total{origin="eu-west",outcome="committed",stream="orders"} 9.0
                meshgate_replication_transactions_total{origin="eu-west",outcome="committed",stream="push"} 120.0
                meshgate_replication_records_total{origin="eu-west",stream="push"} 2400.0
                """;
        assertEquals(120, ReplicaCommits.sample(metrics, "meshgate_replication_transactions_total", "push",
                "outcome=\"committed\""));
        assertEquals(2400, ReplicaCommits.sample(metrics, "meshgate_replication_records_total", "push", ""));
        assertEquals(0, ReplicaCommits.sample(metrics, "meshgate_replication_records_total", "other", ""));
        ReplicaCommits window = new ReplicaCommits(120, 2400).since(new ReplicaCommits(20, 400));
        assertEquals(new ReplicaCommits(100, 2000), window);
        assertEquals(20.0, window.recordsPerTransaction());
        assertEquals(0.0, new ReplicaCommits(0, 0).recordsPerTransaction());
    }

    @Test
    void benchMainKnowsPush() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(BenchMain.USAGE, BenchMain.run(List.of("psuh"), System.out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("meshgate bench: unknown benchmark 'psuh' (did you mean 'push'?)"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(BenchMain.usage().contains("meshgate bench push [--rate R] [--latency-ms L]"), BenchMain.usage());
    }

    private static void assertMessage(String expectedStart, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> PushBenchSettings.fromArgs(List.of(args)));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
