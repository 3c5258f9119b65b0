package io.meshgate.chaos.proxy;

import static io.meshgate.chaos.proxy.ProxyTestSupport.eventually;
import static io.meshgate.chaos.proxy.ProxyTestSupport.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cap holds per direction: N bytes at C bytes/s take at least about N/C, each way at once. */
class WanFaultProxyBandwidthTest extends ProxiedServerTest {

    private static final long CAP_BYTES_PER_SECOND = 512 * 1024;
    private static final int PAYLOAD_BYTES = 512 * 1024;
    /** Slack below N/C for the one burst a fresh bucket may send and for clock granularity. */
    private static final Duration AT_LEAST = Duration.ofMillis(800);

    @BeforeEach
    void start() throws IOException {
        serveBehindProxy(TestTcpServer.sink());
    }

    @Test
    void eachDirectionTakesAtLeastSizeOverCap() throws Exception {
        byte[] up = randomBytes(PAYLOAD_BYTES, 4);
        byte[] down = randomBytes(PAYLOAD_BYTES, 5);
        try (RecordingSocket client = RecordingSocket.connect(proxy.address())) {
            eventually().until(() -> server.connectionCount() == 1);
            RecordingSocket serverSide = server.peer(0);
            proxy.bandwidth(CAP_BYTES_PER_SECOND); // on a connection that is already open

            long startedAt = System.nanoTime();
            // Both directions at once: the cap is per direction, so neither slows the other down.
            CompletableFuture<Void> sendingUp = CompletableFuture.runAsync(() -> client.write(up));
            CompletableFuture<Void> sendingDown = CompletableFuture.runAsync(() -> serverSide.write(down));
            eventually().until(() -> serverSide.receivedCount() == up.length && client.receivedCount() == down.length);
            CompletableFuture.allOf(sendingUp, sendingDown).get();

            assertAtLeast(Duration.ofNanos(serverSide.lastArrivalNanos() - startedAt), "client->server");
            assertAtLeast(Duration.ofNanos(client.lastArrivalNanos() - startedAt), "server->client");
            assertArrayEquals(up, serverSide.received());
            assertArrayEquals(down, client.received());
        }
    }

    @Test
    void liftingTheCapSpeedsUpATransferInProgress() throws IOException {
        byte[] payload = randomBytes(4 << 20, 6);
        proxy.bandwidth(64 * 1024); // 64 s for the whole payload if the cap stayed
        try (RecordingSocket client = RecordingSocket.connect(proxy.address())) {
            CompletableFuture.runAsync(() -> client.write(payload));
            eventually().until(() -> server.connectionCount() == 1 && server.peer(0).receivedCount() > 0);

            proxy.bandwidth(0);

            eventually().until(() -> server.peer(0).receivedCount() == payload.length);
            assertArrayEquals(payload, server.peer(0).received());
        }
    }

    private static void assertAtLeast(Duration took, String direction) {
        assertTrue(took.compareTo(AT_LEAST) >= 0,
                direction + " moved " + PAYLOAD_BYTES + " B at " + CAP_BYTES_PER_SECOND + " B/s in " + took);
    }
}
