package io.meshgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records validate themselves when built in code, reporting every problem by field path. */
class RecordValidationTest {

    private static final RegionConfig EU = new RegionConfig("eu-west", "a:1", URI.create("http://a:8081"), null);
    private static final RegionConfig US = new RegionConfig("us-east", " b:1 , c:2 ", URI.create("https://b"), Map.of());

    @Test
    void regionNormalisesBootstrapServersAndDefaultsPort() {
        assertEquals("b:1,c:2", US.bootstrapServers());
        assertEquals(443, US.gatewayPort());
        assertEquals(Map.of(), EU.kafkaProperties());
    }

    @Test
    void peersReachAGatewayByItsUrlsSchemePortAndPath() {
        RegionConfig proxied = new RegionConfig("ap-south", "c:1", URI.create("https://proxy.example.com/meshgate/ap-south/"), Map.of());
        assertTrue(proxied.gatewayTls());
        assertEquals(443, proxied.gatewayPort());
        assertEquals("/meshgate/ap-south/v1/link", proxied.gatewayPath("/v1/link"));
        RegionConfig plain = new RegionConfig("eu-west", "a:1", URI.create("http://10.0.0.5:8081"), Map.of());
        assertFalse(plain.gatewayTls());
        assertEquals("/v1/views/customers/keys/c-1?maxStalenessMs=5", plain.gatewayPath("/v1/views/customers/keys/c-1?maxStalenessMs=5"));
    }

    @Test
    void kafkaClientPropertiesIsAFreshMutableMap() {
        Map<String, Object> properties = EU.kafkaClientProperties();
        properties.put("group.id", "g");
        assertEquals(Map.of("bootstrap.servers", "a:1"), EU.kafkaClientProperties());
    }

    @Test
    void regionRejectsBootstrapServersInKafkaProperties() {
        assertFields(() -> new RegionConfig("eu-west", "a:1", URI.create("http://a"), Map.of("bootstrap.servers", "x:1")),
                "regions.eu-west.kafka-properties.bootstrap.servers");
    }

    @Test
    void regionReportsEveryProblemAtOnce() {
        assertFields(() -> new RegionConfig("Bad Id", "a:1,,[::1]:9092,::1:9092", URI.create("http://a:8081?x=1"), null),
                "regions.Bad Id", "regions.Bad Id.bootstrap-servers[1]", "regions.Bad Id.bootstrap-servers[3]", "regions.Bad Id.gateway");
    }

    @Test
    void streamFillsDefaultsAndCopiesLists() {
        StreamConfig stream = new StreamConfig("orders", null, List.of("eu-west"), null);
        assertEquals("orders", stream.topic());
        assertEquals(List.of("*"), stream.replicateTo());
        assertTrue(stream.replicatesEverywhere());
        assertTrue(stream.replicatesTo("us-east"));
        assertFalse(stream.replicatesTo("eu-west"));
    }

    @Test
    void streamReportsEveryProblemAtOnce() {
        assertFields(() -> new StreamConfig("orders", "..", List.of("eu-west", "eu-west"), List.of("*", "us-east")),
                "streams.orders.topic", "streams.orders.origins[1]", "streams.orders.replicate-to[0]");
        assertFields(() -> new StreamConfig("orders", null, List.of(), List.of()), "streams.orders.origins", "streams.orders.replicate-to");
    }

    @Test
    void linkSettingsReportEveryProblemAtOnce() {
        assertFields(() -> new LinkSettings("{origin}/{topic}", 0, 100, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1), null),
                "links.replica-topic", "links.max-batch-records", "links.max-batch-bytes", "links.heartbeat-interval",
                "links.idle-timeout", "links.reconnect-backoff-initial");
        assertFields(() -> new LinkSettings("{origin}.{topik}", 1, 1024, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(2)), "links.replica-topic");
        ConfigException e = assertThrows(ConfigException.class, () -> new LinkSettings("{origin}.{topik}", 1, 1024,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("unknown placeholder '{topik}' (did you mean '{topic}'?"), e.getMessage());
    }

    @Test
    void meshOfListsRejectsRepeatedIds() {
        ConfigException e = assertThrows(ConfigException.class, () -> MeshConfig.of("demo", List.of(EU, EU), List.of(), null));
        assertEquals("regions.eu-west: region 'eu-west' is defined twice", e.getMessage());
    }

    @Test
    void meshRejectsAKeyThatIsNotTheId() {
        assertFields(() -> new MeshConfig(null, Map.of("eu", EU), null, null), "regions.eu");
    }

    @Test
    void meshRejectsReplicaTopicsKafkaWouldRefuse() {
        String longTopic = "t".repeat(245);
        assertFields(() -> MeshConfig.of(null, List.of(EU, US), List.of(new StreamConfig("orders", longTopic, List.of("eu-west"), null)), null),
                "streams.orders.topic");
    }

    @Test
    void meshBuiltInCodeHasDefaults() {
        MeshConfig mesh = MeshConfig.of(null, List.of(EU, US), List.of(new StreamConfig("orders", null, List.of("eu-west"), null)), null);
        assertEquals("mesh", mesh.name());
        assertEquals(LinkSettings.defaults(), mesh.links());
        assertEquals(List.of("us-east"), mesh.peersOf("eu-west"));
        assertEquals(1, mesh.routesInto("us-east").size());
    }

    @Test
    void problemFormatLeavesOutUnknownParts() {
        assertEquals("f.yaml:3:5: streams.x: bad", new ConfigProblem("f.yaml", 3, 5, "streams.x", "bad").format());
        assertEquals("f.yaml: bad", new ConfigProblem("f.yaml", 0, 0, "", "bad").format());
        assertEquals("streams.x: bad", ConfigProblem.of("streams.x", "bad").format());
    }

    private static void assertFields(Runnable construction, String... fields) {
        ConfigException e = assertThrows(ConfigException.class, construction::run);
        assertEquals(List.of(fields), e.problems().stream().map(ConfigProblem::field).toList(), e.getMessage());
    }
}
