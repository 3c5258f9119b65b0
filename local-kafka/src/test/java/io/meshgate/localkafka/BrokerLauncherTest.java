package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.localkafka.LocalKafkaBroker.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing cluster id and ports for a data dir; no broker is started. */
class BrokerLauncherTest {

    @TempDir
    Path dataDir;

    @Test
    void firstPlanPicksFreshPortsAndAClusterIdAndStoresThem() {
        BrokerLauncher.Plan plan = BrokerLauncher.plan(Settings.of(dataDir));

        assertTrue(plan.port() > 0);
        assertTrue(plan.controllerPort() > 0);
        assertNotEquals(plan.port(), plan.controllerPort());
        assertEquals(22, plan.clusterId().length(), plan.clusterId());
        assertTrue(Files.isDirectory(DataDir.logDir(dataDir)));
        assertEquals(Optional.of(new DataDir.State(plan.clusterId(), plan.port(), plan.controllerPort())),
                DataDir.load(dataDir));
    }

    @Test
    void laterPlanReusesClusterIdAndFreePorts() {
        BrokerLauncher.Plan first = BrokerLauncher.plan(Settings.of(dataDir));

        assertEquals(first, BrokerLauncher.plan(Settings.of(dataDir)));
    }

    @Test
    void storedPortTakenMeanwhileIsReplacedAndTheOtherKept() throws IOException {
        BrokerLauncher.Plan first = BrokerLauncher.plan(Settings.of(dataDir));
        try (ServerSocket squatter = new ServerSocket(first.port(), 1, InetAddress.getLoopbackAddress())) {
            BrokerLauncher.Plan second = BrokerLauncher.plan(Settings.of(dataDir));

            assertNotEquals(first.port(), second.port());
            assertEquals(first.controllerPort(), second.controllerPort());
            assertEquals(first.clusterId(), second.clusterId());
        }
    }

    @Test
    void explicitPortsWinOverStoredOnes() {
        BrokerLauncher.plan(Settings.of(dataDir));
        int[] ports = FreePorts.pick(2);

        BrokerLauncher.Plan plan = BrokerLauncher.plan(Settings.of(dataDir).withPort(ports[0]).withControllerPort(ports[1]));

        assertEquals(ports[0], plan.port());
        assertEquals(ports[1], plan.controllerPort());
    }

    @Test
    void explicitPortInUseFailsBeforeAnyProcessStarts() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Settings settings = Settings.of(dataDir).withName("eu-west").withPort(squatter.getLocalPort());

            LocalKafkaBrokerException e = assertThrows(LocalKafkaBrokerException.class,
                    () -> BrokerLauncher.plan(settings));

            assertEquals("localkafka: broker 'eu-west': port " + squatter.getLocalPort()
                    + " on 127.0.0.1 is already in use", e.getMessage());
        }
    }
}
