package io.meshgate.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriberOptionsTest {

    private static SubscriberOptions.Builder valid() {
        return SubscriberOptions.builder().gateways("http://eu-west.example:8080/", "https://us-east.example").stream("orders");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SubscriberOptions options = valid().build();
        assertEquals(List.of(URI.create("http://eu-west.example:8080"), URI.create("https://us-east.example")), options.gateways());
        assertEquals("latest", options.from());
        assertEquals(500, options.creditWindow());
        assertEquals(Duration.ofSeconds(15), options.heartbeatTimeout());
        assertEquals(Duration.ofMillis(200), options.backoffInitial());
        assertEquals(Duration.ofSeconds(30), options.backoffMax());
        assertEquals(Duration.ofSeconds(1), options.healthProbeTimeout());
        assertEquals(Map.of(), options.filters());
        assertNull(options.bearerToken());
    }

    @Test
    void everyKindOfStartIsAccepted() {
        for (String from : List.of("earliest", "latest", "ts:1767225600000", "c1.AAECAwQF-_x")) {
            assertEquals(from, valid().from(from).build().from());
        }
    }

    @Test
    void filtersBecomeTheGatewaysParameters() {
        SubscriberOptions options = valid().key("o-42").header("source", "web").where("amount > 100").fields("orderId").build();
        assertEquals(Map.of("key", "o-42", "header.source", "web", "where", "amount > 100", "fields", "orderId"), options.filters());
    }

    @Test
    void everyMistakeIsNamedWithItsFieldAndHowToFixIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubscriberOptions.builder()
                .gateways("ws://eu-west.example:8080", "http://a.example", "http://a.example")
                .stream("orders/eu")
                .from("yesterday")
                .filter("tier", "GOLD")
                .creditWindow(0)
                .heartbeatTimeout(Duration.ZERO)
                .backoff(Duration.ofSeconds(5), Duration.ofSeconds(1))
                .build());
        String message = e.getMessage();
        assertTrue(message.startsWith("subscriber options for stream 'orders/eu' are invalid: "), message);
        for (String expected : List.of(
                "gateways[0]: 'ws://eu-west.example:8080' is not a gateway base URL; write http://host:port",
                "lists a gateway twice",
                "stream: 'orders/eu' is not a stream name",
                "from: 'yesterday' is not a start; write earliest, latest, ts:<epoch-ms>",
                "filters: 'tier' is not a filter; the gateway knows key, header.<name>, where and fields",
                "creditWindow: 0 must be from 1 to 1000000",
                "heartbeatTimeout: PT0S must be a positive duration",
                "backoffInitial: PT5S is longer than backoffMax PT1S")) {
            assertTrue(message.contains(expected), "missing '" + expected + "' in: " + message);
        }
    }

    @Test
    void noGatewaysAndUnparsableUrlsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubscriberOptions.builder().stream("orders").build())
                .getMessage().contains("gateways: name at least one gateway base URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubscriberOptions.builder().gateways("http://a b")
                .stream("orders").build()).getMessage().contains("[http://a b] are not URLs"));
    }

    @Test
    void aFilterNeedsAValueAndAHeaderFilterAName() {
        String message = assertThrows(IllegalArgumentException.class, () -> valid().key("").filter("header.", "x").build())
                .getMessage();
        assertTrue(message.contains("filters: 'key' needs a value"), message);
        assertTrue(message.contains("filters: 'header.' is not a filter"), message);
    }
}
