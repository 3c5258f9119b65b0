package io.meshgate.chaos.proxy;

import static io.meshgate.chaos.proxy.ProxyTestSupport.concat;
import static io.meshgate.chaos.proxy.ProxyTestSupport.eventually;
import static io.meshgate.chaos.proxy.ProxyTestSupport.randomBytes;
import static io.meshgate.chaos.proxy.ProxyTestSupport.throughout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A black hole stops everything without losing anything: when it ends, held bytes flow in order. */
class WanFaultProxyBlackHoleTest extends ProxiedServerTest {

    private static final Duration SILENCE = Duration.ofMillis(500);

    @BeforeEach
    void start() throws IOException {
        serveBehindProxy(TestTcpServer.echo());
    }

    @Test
    void holdsLiveAndNewConnectionsThenDeliversEverythingInOrder() throws Exception {
        byte[] hello = {'h', 'i'};
        byte[] payload = randomBytes(256 * 1024, 7);
        try (RecordingSocket live = RecordingSocket.connect(proxy.address())) {
            live.write(hello);
            eventually().until(() -> live.receivedCount() == hello.length);
            RecordingSocket serverSide = server.peer(0);

            proxy.blackHole(true);
            // The write may block once TCP buffers fill up: that backpressure is the point.
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> live.write(payload));
            RecordingSocket held = RecordingSocket.connect(proxy.address());
            held.write(new byte[] {9});
            eventually().until(() -> proxy.connectionsAccepted() == 2);

            throughout(SILENCE).until(() -> serverSide.receivedCount() == hello.length
                    && live.receivedCount() == hello.length
                    && server.connectionCount() == 1);
            assertEquals(2, proxy.openConnections(), "the held connection counts as open");

            proxy.blackHole(false);

            eventually().until(() -> live.receivedCount() == hello.length + payload.length);
            sending.get();
            assertArrayEquals(concat(hello, payload), serverSide.received(), "server got all, in order");
            assertArrayEquals(concat(hello, payload), live.received(), "echo came back whole, in order");
            eventually().until(() -> held.receivedCount() == 1);
            assertEquals(2, server.connectionCount(), "the held connection reached upstream");
            held.close();
        }
    }

    @Test
    void connectionClosedWhileHeldIsClosedUpstreamAfterwards() throws Exception {
        proxy.blackHole(true);
        RecordingSocket held = RecordingSocket.connect(proxy.address());
        eventually().until(() -> proxy.connectionsAccepted() == 1);
        held.close();

        proxy.blackHole(false);

        // It connects, then sees the client's close and passes it on; nothing else happens.
        eventually().until(() -> proxy.openConnections() == 0);
        assertEquals(0, proxy.bytesForwarded());
    }
}
