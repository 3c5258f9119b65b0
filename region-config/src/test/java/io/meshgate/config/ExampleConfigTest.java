package io.meshgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documented example file loads into the model the README describes. */
class ExampleConfigTest {

    private static MeshConfig mesh;

    @BeforeAll
    static void load() throws URISyntaxException {
        mesh = MeshConfigLoader.load(Path.of(ExampleConfigTest.class.getResource("/mesh-example.yaml").toURI()));
    }

    @Test
    void keepsDeclaredOrderOfRegionsAndStreams() {
        assertEquals("demo", mesh.name());
        assertEquals(List.of("eu-west", "us-east", "ap-south"), List.copyOf(mesh.regions().keySet()));
        assertEquals(List.of("orders", "payments", "clicks"), List.copyOf(mesh.streams().keySet()));
    }

    @Test
    void readsRegions() {
        RegionConfig eu = mesh.region("eu-west");
        assertEquals("127.0.0.1:19092", eu.bootstrapServers());
        assertEquals(URI.create("http://127.0.0.1:8081"), eu.gateway());
        assertEquals(8081, eu.gatewayPort());
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), eu.kafkaProperties());
        assertEquals(Map.of("bootstrap.servers", "127.0.0.1:19092", "security.protocol", "PLAINTEXT"), eu.kafkaClientProperties());
        assertEquals("127.0.0.1:29092,127.0.0.1:29093", mesh.region("us-east").bootstrapServers());
        assertEquals(443, mesh.region("ap-south").gatewayPort());
    }

    @Test
    void readsStreamsWithTheirDefaults() {
        StreamConfig payments = mesh.stream("payments");
        assertEquals("payments", payments.topic());
        assertEquals(List.of("eu-west", "us-east"), payments.origins());
        assertEquals(List.of("*"), mesh.stream("orders").replicateTo());
        assertEquals(List.of("us-east"), mesh.stream("clicks").origins());
        assertEquals("web-clicks", mesh.stream("clicks").topic());
    }

    @Test
    void readsViewsWithTheirDefaults() {
        assertEquals(List.of("orders-by-id", "payments-by-key", "large-orders"), List.copyOf(mesh.views().keySet()));
        assertEquals("/orderId", mesh.views().get("orders-by-id").key());
        assertTrue(mesh.views().get("payments-by-key").keyedByRecordKey());
        ViewConfig large = mesh.views().get("large-orders");
        assertEquals(new ViewConfig.Enrichment("payments-by-key", "/paymentId", "payment"), large.enrich());
        assertEquals(List.of("orderId", "amount", "payment.state"), large.fields());
        assertEquals("amount > 100 and payment.state == \"SETTLED\"", large.where());
    }

    @Test
    void linksSpelledOutAsTheDefaultsEqualTheDefaults() {
        assertEquals(LinkSettings.defaults(), mesh.links());
    }

    @Test
    void subscriptionsSpelledOutAsTheDefaultsEqualTheDefaults() {
        assertEquals(SubscriptionSettings.defaults(), mesh.subscriptions());
    }

    @Test
    void everyRegionReplicatesToEveryRegionButItsOrigin() {
        StreamConfig orders = mesh.stream("orders");
        assertFalse(orders.replicatesTo("eu-west"));
        assertTrue(orders.replicatesTo("us-east"));
        assertTrue(orders.replicatesTo("ap-south"));
    }

    @Test
    void routesIntoEachRegionFollowStarListsAndOrigins() {
        assertEquals(List.of("clicks from us-east -> us-east.web-clicks"), describe(mesh.routesInto("eu-west")));
        assertEquals(List.of("orders from eu-west -> eu-west.orders", "payments from eu-west -> eu-west.payments"),
                describe(mesh.routesInto("us-east")));
        assertEquals(List.of("orders from eu-west -> eu-west.orders", "payments from eu-west -> eu-west.payments",
                "payments from us-east -> us-east.payments"), describe(mesh.routesInto("ap-south")));
    }

    @Test
    void anOriginThatIsATargetReceivesTheOtherOriginsWritesButNeverItsOwn() {
        StreamConfig payments = mesh.stream("payments");
        assertTrue(payments.replicates("eu-west", "us-east"));
        assertFalse(payments.replicates("us-east", "us-east"));
        assertFalse(payments.replicatesTo("eu-west"), "eu-west is an origin but not listed in replicate-to");
    }

    @Test
    void appliesTheReplicaTopicPattern() {
        assertEquals("eu-west.orders", mesh.replicaTopic(mesh.stream("orders"), "eu-west"));
        assertEquals("us-east.web-clicks", mesh.replicaTopic(mesh.stream("clicks"), "us-east"));
        assertThrows(IllegalArgumentException.class, () -> mesh.replicaTopic(mesh.stream("orders"), "us-east"));
    }

    @Test
    void answersPerRegionQuestions() {
        assertEquals(List.of("orders", "payments"), mesh.streamsOriginatingIn("eu-west").stream().map(StreamConfig::name).toList());
        assertEquals(List.of("payments", "clicks"), mesh.streamsOriginatingIn("us-east").stream().map(StreamConfig::name).toList());
        assertEquals(List.of("eu-west", "ap-south"), mesh.peersOf("us-east"));
    }

    @Test
    void unknownRegionIsRejectedWithASuggestion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mesh.routesInto("eu-wset"));
        assertEquals("unknown region 'eu-wset' (did you mean 'eu-west'? known: eu-west, us-east, ap-south)", e.getMessage());
    }

    @Test
    void theModelCannotBeChanged() {
        assertThrows(UnsupportedOperationException.class, () -> mesh.regions().remove("eu-west"));
        assertThrows(UnsupportedOperationException.class, () -> mesh.stream("orders").origins().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> mesh.region("eu-west").kafkaProperties().clear());
        assertThrows(UnsupportedOperationException.class, () -> mesh.routesInto("us-east").clear());
    }

    private static List<String> describe(List<StreamRoute> routes) {
        return routes.stream().map(r -> r.stream().name() + " from " + r.origin() + " -> " + r.replicaTopic()).toList();
    }
}
