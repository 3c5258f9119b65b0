package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void picksAreBelowTheEphemeralRangeSoNoOutgoingConnectionIsGivenThem() {
        for (int port : FreePorts.pick(50)) {
            assertTrue(port >= FreePorts.LOWEST && port < EphemeralRange.lowestPort(), "port " + port);
        }
    }

    @Test
    void theEphemeralRangeIsReadAsTheKernelWritesIt() {
        assertEquals(32768, EphemeralRange.parse("32768\t60999\n"));
        assertEquals(49152, EphemeralRange.parse("49152 65535"));
        assertEquals(EphemeralRange.DEFAULT_LOWEST, EphemeralRange.parse(null));
        assertEquals(EphemeralRange.DEFAULT_LOWEST, EphemeralRange.parse("garbage"));
    }

    @Test
    void severalPickedPortsAreDistinct() {
        int[] ports = FreePorts.pick(20);

        assertEquals(20, java.util.Arrays.stream(ports).distinct().count());
    }

    @Test
    void portsPickedOneByOneDoNotRepeat() {
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        for (int i = 0; i < 500; i++) {
            assertTrue(picked.add(FreePorts.pick()), "picked twice, though nobody bound it yet");
        }
    }

    @Test
    void boundPortIsNotFree() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFalse(FreePorts.isFree("127.0.0.1", taken.getLocalPort()));
        }
    }
}
