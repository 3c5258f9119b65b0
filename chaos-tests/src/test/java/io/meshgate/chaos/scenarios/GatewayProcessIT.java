package io.meshgate.chaos.scenarios;

import io.meshgate.localkafka.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test helper {@link GatewayProcess} itself: a gateway it starts must not outlive the JVM that started it,
 * even when that JVM is SIGKILLed and runs no cleanup (the gateway reads EOF on its stdin, armed by
 * {@code MESHGATE_EXIT_WITH_PARENT=stdin}, and halts); and a gateway that cannot start fails the test with its
 * log. No Kafka is needed: a gateway is live before its Kafka answers.
 */
class GatewayProcessIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void gatewayExitsWhenTheJvmThatStartedItIsKilled() throws Exception {
        int[] ports = FreePorts.pick(4);
        Path meshFile = dir.resolve("mesh.yaml");
        // Brokers that do not exist: their ports were free a moment ago and nobody listens there.
        Files.writeString(meshFile, TwoRegionMesh.meshYaml("127.0.0.1:" + ports[0], ports[1], "127.0.0.1:" + ports[2],
                ports[3], "streams:\n  orders:\n    origins: [eu-west]\n", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                GatewayParentMain.class.getName(), meshFile.toString(), "us-east", Integer.toString(ports[3]),
                dir.resolve("gateway.log").toString()))
                .redirectErrorStream(true).start();
        Optional<ProcessHandle> gateway = Optional.empty();
        try {
            long gatewayPid = CompletableFuture.supplyAsync(() -> readGatewayPid(parent)).get(90, TimeUnit.SECONDS);
            gateway = ProcessHandle.of(gatewayPid);
            assertTrue(gateway.isPresent() && gateway.get().isAlive(), "the gateway runs while its parent does");

            parent.destroyForcibly();
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "parent JVM killed");

            ProcessHandle orphan = gateway.get();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertTrue(!orphan.isAlive(),
                    () -> "gateway pid " + gatewayPid + " still runs after its parent was killed: /proc says '"
                            + procStat(gatewayPid) + "'\n" + tail(dir.resolve("gateway.log"))));
        } finally {
            parent.destroyForcibly();
            gateway.ifPresent(ProcessHandle::destroyForcibly); // never leave one behind, even when the check failed
        }
    }

    @Test
    void aGatewayThatCannotStartFailsWithTheEndOfItsLog() throws Exception {
        int[] ports = FreePorts.pick(4);
        Path meshFile = dir.resolve("mesh.yaml");
        Files.writeString(meshFile, TwoRegionMesh.meshYaml("127.0.0.1:" + ports[0], ports[1], "127.0.0.1:" + ports[2],
                ports[3], "streams:\n  orders:\n    origins: [eu-west]\n", ""));
        AssertionError failure = assertThrows(AssertionError.class,
                () -> GatewayProcess.start(meshFile, "ap-south", ports[3], dir.resolve("gateway.log")));
        assertTrue(failure.getMessage().contains("exited with code 2"), failure.getMessage());
        assertTrue(failure.getMessage().contains("region 'ap-south' is not in"), "the gateway's own words: " + failure.getMessage());
    }

    private static String procStat(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat")).trim();
        } catch (java.io.IOException e) {
            return "no /proc entry: " + e.getMessage();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The parent prints {@code gateway-pid=N} once its gateway is live; anything else it prints is a failure. */
    private static long readGatewayPid(Process parent) {
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("gateway-pid=")) {
                    return Long.parseLong(line.substring("gateway-pid=".length()));
                }
                output.append(line).append('\n');
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("the parent JVM ended without starting a gateway:\n" + output);
    }
}
