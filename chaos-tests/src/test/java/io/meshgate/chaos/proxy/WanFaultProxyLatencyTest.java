package io.meshgate.chaos.proxy;

import static io.meshgate.chaos.proxy.ProxyTestSupport.eventually;
import static io.meshgate.chaos.proxy.ProxyTestSupport.randomBytes;
import static io.meshgate.chaos.proxy.ProxyTestSupport.throughout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Latency and jitter delay bytes as a WAN does: by at least the delay, in order, many in flight. */
class WanFaultProxyLatencyTest extends ProxiedServerTest {

    @Test
    void roundTripTakesAtLeastTwiceTheOneWayLatency() throws IOException {
        serveBehindProxy(TestTcpServer.echo());
        try (RecordingSocket client = RecordingSocket.connect(proxy.address())) {
            client.write(new byte[] {0});
            eventually().until(() -> client.receivedCount() == 1);

            proxy.latency(Duration.ofMillis(50)); // on a connection that is already open
            long sentAt = System.nanoTime();
            client.write(new byte[] {1});
            eventually().until(() -> client.receivedCount() == 2);

            Duration roundTrip = Duration.ofNanos(client.lastArrivalNanos() - sentAt);
            assertTrue(roundTrip.compareTo(Duration.ofMillis(100)) >= 0, "round trip " + roundTrip);
        }
    }

    @Test
    void jitterNeverReordersBytes() throws IOException {
        serveBehindProxy(TestTcpServer.echo());
        proxy.jitter(Duration.ofMillis(30));
        // Far more than one read buffer, so the stream crosses as many chunks with different jitter.
        byte[] payload = randomBytes(2 << 20, 2);
        try (RecordingSocket client = RecordingSocket.connect(proxy.address())) {
            client.write(payload);

            eventually().until(() -> client.receivedCount() == payload.length);
            assertArrayEquals(payload, server.peer(0).received(), "client->server order");
            assertArrayEquals(payload, client.received(), "server->client order");
        }
    }

    @Test
    void chunksArePipelinedNotDelayedOneAtATime() throws IOException {
        serveBehindProxy(TestTcpServer.sink());
        proxy.latency(Duration.ofMillis(300));
        byte[] payload = randomBytes(4 << 20, 3);
        try (RecordingSocket client = RecordingSocket.connect(proxy.address())) {
            long sentAt = System.nanoTime();
            client.write(payload);

            // 4 MiB is at least 64 reads of at most 64 KiB, so delaying one chunk at a time would need
            // 64 x 300 ms = 19 s (two at a time 9.6 s); the bound tests that structure, not machine speed.
            eventually().atMost(Duration.ofSeconds(4))
                    .until(() -> server.connectionCount() == 1 && server.peer(0).receivedCount() == payload.length);
            Duration took = Duration.ofNanos(server.peer(0).lastArrivalNanos() - sentAt);
            assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "one-way transfer took " + took);
            assertArrayEquals(payload, server.peer(0).received());
        }
    }

    @Test
    void healReleasesDelayedBytesAtOnce() throws IOException {
        serveBehindProxy(TestTcpServer.sink());
        try (RecordingSocket client = RecordingSocket.connect(proxy.address())) {
            eventually().until(() -> server.connectionCount() == 1);
            proxy.latency(Duration.ofMinutes(10));
            client.write(new byte[] {42});

            throughout(Duration.ofMillis(300)).until(() -> server.peer(0).receivedCount() == 0);
            proxy.heal();

            // Latency is applied when a chunk leaves, so bytes already waiting see the change too.
            eventually().atMost(Duration.ofSeconds(2)).until(() -> server.peer(0).receivedCount() == 1);
        }
    }
}
