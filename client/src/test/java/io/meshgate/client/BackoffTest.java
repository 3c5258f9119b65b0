package io.meshgate.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void doublesPerFailureUpToTheMaximum() {
        assertEquals(Duration.ofMillis(200), backoff.delay(0, () -> 1.0));
        assertEquals(Duration.ofMillis(400), backoff.delay(1, () -> 1.0));
        assertEquals(Duration.ofMillis(3200), backoff.delay(4, () -> 1.0));
        assertEquals(Duration.ofSeconds(5), backoff.delay(5, () -> 1.0));
        assertEquals(Duration.ofSeconds(5), backoff.delay(1_000, () -> 1.0), "no overflow after many failures");
    }

    @Test
    void jitterDrawsFromTheUpperHalfOfEachStep() {
        assertEquals(Duration.ofMillis(100), backoff.delay(0, () -> 0.0));
        assertEquals(Duration.ofMillis(300), backoff.delay(1, () -> 0.5));
        assertEquals(Duration.ofMillis(2500), backoff.delay(40, () -> 0.0));
    }
}
