package io.meshgate.chaos.proxy;

import static io.meshgate.chaos.proxy.ProxyTestSupport.eventually;
import static io.meshgate.chaos.proxy.ProxyTestSupport.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.chaos.FaultSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Without faults the proxy must be invisible: same bytes, same closes. */
class WanFaultProxyPassThroughTest extends ProxiedServerTest {

    @BeforeEach
    void start() throws IOException {
        serveBehindProxy(TestTcpServer.echo());
    }

    @Test
    void bytesPassUnchangedInBothDirections() throws IOException {
        byte[] payload = randomBytes(5 << 20, 1);
        try (RecordingSocket client = RecordingSocket.connect(proxy.address())) {
            client.write(payload);

            eventually().until(() -> client.receivedCount() == payload.length);
            assertArrayEquals(payload, server.peer(0).received(), "bytes the server got");
            assertArrayEquals(payload, client.received(), "bytes echoed back to the client");
            eventually().until(() -> proxy.bytesForwarded() == 2L * payload.length);
            assertEquals(1, proxy.connectionsAccepted());
        }
    }

    @Test
    void halfCloseIsPassedOnAndTheConnectionFinishes() throws Exception {
        try (RecordingSocket client = RecordingSocket.connect(proxy.address())) {
            client.write(new byte[] {1, 2, 3});
            eventually().until(() -> client.receivedCount() == 3);
            assertEquals(1, proxy.openConnections());

            client.shutdownOutput();

            // The echo server sees EOF, half-closes in turn, and that FIN reaches the client.
            client.ended().get(5, TimeUnit.SECONDS);
            eventually().until(() -> proxy.openConnections() == 0);
        }
    }

    @Test
    void closeStopsListeningAndClosesConnections() throws Exception {
        RecordingSocket client = RecordingSocket.connect(proxy.address());
        eventually().until(() -> server.connectionCount() == 1);

        proxy.close();

        eventually().until(() -> client.ended().isDone());
        assertThrows(UncheckedIOException.class, () -> RecordingSocket.connect(proxy.address()));
        assertEquals(0, proxy.openConnections());
        client.close();
    }

    @Test
    void invalidFaultIsRejectedAndLeavesFaultsUnchanged() {
        proxy.latency(Duration.ofMillis(20));

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> proxy.latency(Duration.ofMillis(-1)));
        assertTrue(error.getMessage().contains("latency"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> proxy.bandwidth(-5));
        assertEquals(Duration.ofMillis(20), proxy.faults().latency());

        proxy.heal();
        assertEquals(FaultSettings.NONE, proxy.faults());
    }
}
