package io.meshgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a minimal file means: every optional setting takes its documented default. */
class DefaultsTest {

    private static final String MINIMAL = """
            regions:
              eu-west:
                bootstrap-servers: localhost:9092
                gateway: http://localhost:8081
            """;

    @Test
    void minimalFileUsesDefaults() {
        MeshConfig mesh = MeshConfigLoader.parse(MINIMAL, "minimal.yaml");
        assertEquals("mesh", mesh.name());
        assertTrue(mesh.streams().isEmpty());
        assertEquals(LinkSettings.defaults(), mesh.links());
        assertTrue(mesh.region("eu-west").kafkaProperties().isEmpty());
        assertEquals(List.of(), mesh.routesInto("eu-west"));
        assertEquals(List.of(), mesh.peersOf("eu-west"));
    }

    @Test
    void documentedDefaultValues() {
        LinkSettings d = LinkSettings.defaults();
        assertEquals("{origin}.{topic}", d.replicaTopicPattern());
        assertEquals(500, d.maxBatchRecords());
        assertEquals(262_144, d.maxBatchBytes());
        assertEquals(Duration.ofSeconds(1), d.heartbeatInterval());
        assertEquals(Duration.ofMillis(200), d.reconnectBackoffInitial());
        assertEquals(Duration.ofSeconds(10), d.reconnectBackoffMax());
        assertEquals(Duration.ofSeconds(15), d.idleTimeout());
    }

    @Test
    void streamDefaultsToItsNameAsTopicAndToEveryRegion() {
        MeshConfig mesh = MeshConfigLoader.parse(MINIMAL + """
                  us-east:
                    bootstrap-servers: localhost:9093
                    gateway: http://localhost:8082
                streams:
                  orders:
                    origins: eu-west
                """, "mesh.yaml");
        StreamConfig orders = mesh.stream("orders");
        assertEquals("orders", orders.topic());
        assertEquals(List.of("eu-west"), orders.origins());
        assertEquals(List.of("*"), orders.replicateTo());
        assertEquals("eu-west.orders", mesh.routesInto("us-east").get(0).replicaTopic());
    }

    @Test
    void emptyValuesMeanAbsentForOptionalSections() {
        MeshConfig mesh = MeshConfigLoader.parse(MINIMAL + """
                streams:
                links:
                """, "mesh.yaml");
        assertTrue(mesh.streams().isEmpty());
        assertEquals(LinkSettings.defaults(), mesh.links());
    }

    @Test
    void durationsAcceptUnitsAndPlainMilliseconds() {
        MeshConfig mesh = MeshConfigLoader.parse(MINIMAL + """
                links:
                  replica-topic: "replica-{origin}-{topic}"
                  heartbeat-interval: 250
                  reconnect-backoff-initial: 1s
                  reconnect-backoff-max: 2m
                  idle-timeout: 1h
                  max-batch-records: 100000
                  max-batch-bytes: 1024
                """, "mesh.yaml");
        LinkSettings links = mesh.links();
        assertEquals(Duration.ofMillis(250), links.heartbeatInterval());
        assertEquals(Duration.ofMinutes(2), links.reconnectBackoffMax());
        assertEquals(Duration.ofHours(1), links.idleTimeout());
        assertEquals(100_000, links.maxBatchRecords());
        assertEquals(1024, links.maxBatchBytes());
        assertEquals("replica-eu-west-orders", links.replicaTopic("eu-west", "orders"));
    }
}
