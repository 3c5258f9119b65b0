package io.meshgate.client;

import io.meshgate.client.RegionChoice.Health;
import io.meshgate.client.RegionChoice.Probe;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegionChoiceTest {

    private static final URI EU = URI.create("http://eu-west:8080");
    private static final URI US = URI.create("http://us-east:8080");
    private static final URI AP = URI.create("http://ap-south:8080");

    private static Probe probe(URI gateway, int preference, Health health, long rttMs) {
        return new Probe(gateway, preference, health, Duration.ofMillis(rttMs));
    }

    @Test
    void theNearestReadyGatewayComesFirst() {
        assertEquals(List.of(US, AP, EU), RegionChoice.order(List.of(
                probe(EU, 0, Health.READY, 120), probe(US, 1, Health.READY, 3), probe(AP, 2, Health.READY, 60)),
                Duration.ofMillis(10)));
    }

    @Test
    void roundTripsWithinTheToleranceAreTiesThatThePreferenceDecides() {
        assertEquals(List.of(EU, US, AP), RegionChoice.order(List.of(
                probe(AP, 2, Health.READY, 1), probe(US, 1, Health.READY, 4), probe(EU, 0, Health.READY, 9)),
                Duration.ofMillis(10)));
        assertEquals(List.of(AP, US, EU), RegionChoice.order(List.of(
                probe(AP, 2, Health.READY, 1), probe(US, 1, Health.READY, 4), probe(EU, 0, Health.READY, 9)),
                Duration.ZERO));
    }

    @Test
    void readyBeatsNotReadyBeatsUnreachableWhateverTheDistance() {
        assertEquals(List.of(AP, US, EU), RegionChoice.order(List.of(
                probe(EU, 0, Health.UNREACHABLE, 1000), probe(US, 1, Health.NOT_READY, 1), probe(AP, 2, Health.READY, 200)),
                Duration.ofMillis(10)));
    }

    @Test
    void withNothingHealthyTheOrderOfPreferenceStands() {
        assertEquals(List.of(EU, US, AP), RegionChoice.order(List.of(
                probe(AP, 2, Health.UNREACHABLE, 1000), probe(EU, 0, Health.UNREACHABLE, 1000), probe(US, 1, Health.UNREACHABLE, 1000)),
                Duration.ofMillis(10)));
    }
}
