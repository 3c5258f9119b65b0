package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.localkafka.LocalKafkaBroker.Settings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker that cannot start fails {@code start} with a message that explains why. */
class BrokerStartFailureIT {

    @TempDir
    Path dataDir;

    @Test
    void brokerThatExitsReportsExitCodeAndItsLog() {
        Settings settings = Settings.of(dataDir).withName("bad-config").withHeapMb(128)
                .withExtraBrokerProperty("num.io.threads", "not-a-number");

        LocalKafkaBrokerException e = assertThrows(LocalKafkaBrokerException.class,
                () -> LocalKafkaBroker.start(settings));

        assertTrue(e.getMessage().contains("broker 'bad-config' on 127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("exited with code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("--- last "), e.getMessage());
        assertTrue(e.getMessage().contains("num.io.threads"), e.getMessage());
    }

    @Test
    void brokerNotReadyInTimeIsKilledAndReportsItsLog() {
        Settings settings = Settings.of(dataDir).withName("too-slow").withHeapMb(128)
                .withStartTimeout(Duration.ofMillis(300));

        LocalKafkaBrokerException e = assertThrows(LocalKafkaBrokerException.class,
                () -> LocalKafkaBroker.start(settings));

        assertTrue(e.getMessage().contains("was not ready within 300ms and was killed"), e.getMessage());
        assertTrue(e.getMessage().contains("starting broker 'too-slow'"), e.getMessage());
    }
}
