package io.meshgate.chaos.proxy;

import static io.meshgate.chaos.proxy.ProxyTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** resetAll aborts every connection with a RST on both sides; the proxy itself keeps working. */
class WanFaultProxyResetTest extends ProxiedServerTest {

    @BeforeEach
    void start() throws IOException {
        serveBehindProxy(TestTcpServer.echo());
    }

    @Test
    void bothSidesSeeAResetAndNewConnectionsStillWork() throws Exception {
        try (RecordingSocket client = RecordingSocket.connect(proxy.address())) {
            client.write(new byte[] {1});
            eventually().until(() -> client.receivedCount() == 1);

            proxy.resetAll();

            assertResetSeenBy(client, "client");
            assertResetSeenBy(server.peer(0), "server");
            eventually().until(() -> proxy.openConnections() == 0);
        }
        try (RecordingSocket again = RecordingSocket.connect(proxy.address())) {
            again.write(new byte[] {2});
            eventually().until(() -> again.receivedCount() == 1);
        }
        assertEquals(2, proxy.connectionsAccepted());
    }

    @Test
    void resetsConnectionsHeldByABlackHole() throws Exception {
        proxy.blackHole(true);
        try (RecordingSocket held = RecordingSocket.connect(proxy.address())) {
            eventually().until(() -> proxy.openConnections() == 1);

            proxy.resetAll();

            assertResetSeenBy(held, "held client");
            assertEquals(0, proxy.openConnections());
            assertEquals(0, server.connectionCount());
        }
    }

    private static void assertResetSeenBy(RecordingSocket side, String who) {
        ExecutionException ended =
                assertThrows(ExecutionException.class, () -> side.ended().get(5, TimeUnit.SECONDS), who);
        assertInstanceOf(SocketException.class, ended.getCause(), who + " should see a connection reset");
    }
}
