package io.meshgate.client;

import io.meshgate.client.RegionChoice.Health;
import io.meshgate.client.RegionChoice.Probe;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionAttemptsTest {

    private static final URI EU = URI.create("http://eu-west:8080");
    private static final URI US = URI.create("http://us-east:8080");
    private static final List<Probe> US_NEARER = List.of(
            new Probe(EU, 0, Health.READY, Duration.ofMillis(80)), new Probe(US, 1, Health.READY, Duration.ofMillis(2)));

    // Jitter pinned to the top of each step, so delays are the steps themselves.
    private final ConnectionAttempts attempts = new ConnectionAttempts(Duration.ofMillis(10),
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), () -> 1.0);

    @Test
    void theFirstAttemptGoesToTheNearestReadyGateway() {
        assertEquals(US, attempts.gateway(US_NEARER));
        assertEquals(0, attempts.failed());
    }

    @Test
    void eachFailureInARowTriesTheNextGatewayAndWaitsLonger() {
        assertEquals(Duration.ofMillis(200), attempts.ended(false));
        assertEquals(EU, attempts.gateway(US_NEARER));
        assertEquals(Duration.ofMillis(400), attempts.ended(false));
        assertEquals(US, attempts.gateway(US_NEARER), "round the order again");
        assertEquals(2, attempts.failed());
    }

    @Test
    void aConnectionThatDeliveredStartsOverAtTheNearestWithTheShortestWait() {
        attempts.ended(false);
        attempts.ended(false);
        attempts.ended(false);

        assertEquals(Duration.ofMillis(100), attempts.ended(true));
        assertEquals(0, attempts.failed());
        assertEquals(US, attempts.gateway(US_NEARER));
    }
}
