package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void pickedPortCanBeBound() {
        int port = FreePorts.pick();

        assertTrue(port > 0);
        assertTrue(FreePorts.isFree("127.0.0.1", port));
    }

    @Test
    void severalPickedPortsAreDistinct() {
        int[] ports = FreePorts.pick(2);

        assertNotEquals(ports[0], ports[1]);
    }

    @Test
    void boundPortIsNotFree() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFalse(FreePorts.isFree("127.0.0.1", taken.getLocalPort()));
        }
    }
}
