package io.meshgate.localkafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker whose parent JVM dies by SIGKILL, so that no shutdown hook runs, must exit by itself. */
class ParentWatchdogIT {

    @TempDir
    Path dir;

    private Process helper;
    private long brokerPid = -1;

    @AfterEach
    void endLeftovers() {
        if (helper != null) {
            helper.destroyForcibly();
        }
        if (brokerPid > 0) {
            ProcessChecks.killIfRunning(brokerPid);
        }
    }

    @Test
    void brokerExitsWhenItsParentJvmIsKilled() throws IOException {
        Path helperOutput = dir.resolve("helper.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        helper = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                OrphanedBrokerHelper.class.getName(), dir.resolve("data").toString())
                .redirectErrorStream(true)
                .redirectOutput(helperOutput.toFile())
                .start();

        brokerPid = await("helper prints the broker pid").atMost(Duration.ofSeconds(120))
                .until(() -> printedPid(helperOutput), OptionalLong::isPresent).getAsLong();
        assertTrue(ProcessChecks.isRunning(brokerPid), "broker runs before its parent dies");

        helper.destroyForcibly(); // SIGKILL
        await("helper exits").atMost(Duration.ofSeconds(30)).until(() -> !helper.isAlive());

        await("orphaned broker " + brokerPid + " exits").atMost(Duration.ofSeconds(60))
                .until(() -> !ProcessChecks.isRunning(brokerPid));
        assertTrue(Files.readString(dir.resolve("data").resolve("broker.log")).contains("localkafka.broker.parent.gone"),
                "the broker says why it exits");
    }

    private static OptionalLong printedPid(Path helperOutput) throws IOException {
        if (!Files.exists(helperOutput)) {
            return OptionalLong.empty();
        }
        return Files.readAllLines(helperOutput).stream()
                .filter(line -> line.startsWith(OrphanedBrokerHelper.PID_PREFIX))
                .mapToLong(line -> Long.parseLong(line.substring(OrphanedBrokerHelper.PID_PREFIX.length()).trim()))
                .findFirst();
    }
}
