package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.localkafka.LocalKafkaBroker.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brokers started side by side come back in order, all running; if one cannot start, none is left running. */
class StartAllBrokersIT {

    @TempDir
    Path dataDir;

    @Test
    void startsEveryBrokerAndReturnsThemInOrder() {
        List<LocalKafkaBroker> brokers = LocalKafkaBroker.startAll(List.of(
                Settings.of(dataDir.resolve("a")).withName("first").withHeapMb(256),
                Settings.of(dataDir.resolve("b")).withName("second").withHeapMb(256)));
        try {
            assertEquals(List.of("first", "second"), brokers.stream().map(b -> b.settings().name()).toList());
            assertTrue(brokers.stream().allMatch(LocalKafkaBroker::isAlive));
            assertNotEquals(brokers.get(0).port(), brokers.get(1).port());
        } finally {
            brokers.forEach(LocalKafkaBroker::stop);
        }
    }

    @Test
    void whenOneCannotStartTheOneThatDidIsStopped() {
        int port = FreePorts.pick();

        LocalKafkaBrokerException failure = assertThrows(LocalKafkaBrokerException.class, () -> LocalKafkaBroker.startAll(List.of(
                Settings.of(dataDir.resolve("a")).withName("good").withHeapMb(256).withPort(port),
                // Kafka refuses this setting and exits at once.
                Settings.of(dataDir.resolve("b")).withName("bad").withHeapMb(256).withExtraBrokerProperty("num.io.threads", "0"))));

        assertTrue(failure.getMessage().contains("'bad'"), failure.getMessage());
        assertTrue(FreePorts.isFree("127.0.0.1", port), "port " + port + " is still taken: the broker that started was left running");
    }

    @Test
    void twoBrokersGivenOnePortAreRefusedAndNoneIsLeftRunning() {
        int port = FreePorts.pick();

        assertThrows(LocalKafkaBrokerException.class, () -> LocalKafkaBroker.startAll(List.of(
                Settings.of(dataDir.resolve("a")).withName("first").withHeapMb(256).withPort(port),
                Settings.of(dataDir.resolve("b")).withName("second").withHeapMb(256).withPort(port))));

        assertTrue(FreePorts.isFree("127.0.0.1", port), "port " + port + " is still taken: the broker that started was left running");
    }
}
