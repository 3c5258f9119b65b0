package io.meshgate.config;

import static io.meshgate.config.ProblemAssertions.assertOnlyProblem;
import static io.meshgate.config.ProblemAssertions.assertProblem;
import static io.meshgate.config.ProblemAssertions.problemsIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code views:} section: read strictly; streams, keys, enrichments and readers checked against the mesh. */
class ViewConfigTest {

    private static final String MESH = Meshes.TWO_REGIONS + """
            streams:
              orders: {origins: [eu-west]}
              customers: {origins: [eu-west]}
            """;

    @Test
    void aViewIsReadWithItsDefaults() {
        MeshConfig mesh = MeshConfigLoader.parse(MESH + """
                views:
                  customers: {stream: customers}
                  rich-orders:
                    stream: orders
                    key: /order/id
                    enrich: {view: customers, on: /customerId, as: customer}
                    where: customer.tier == "PLATINUM"
                    fields: [order.id, customer.name]
                """, "m.yaml");
        assertEquals(ViewConfig.RECORD_KEY, mesh.views().get("customers").key());
        ViewConfig rich = mesh.views().get("rich-orders");
        assertEquals("/order/id", rich.key());
        assertEquals(List.of("order.id", "customer.name"), rich.fields());
        assertEquals("customers", rich.enrich().view());
        assertEquals(List.of(), MeshConfigLoader.parse(MESH, "m.yaml").views().keySet().stream().toList());
    }

    @Test
    void aViewOfAnUnknownStreamNamesTheNearMiss() {
        assertOnlyProblem(MESH + """
                views:
                  by-id: {stream: order}
                """, "12:19", "views.by-id.stream", "unknown stream 'order'", "did you mean 'orders'");
    }

    @Test
    void keysArePointersOrTheRecordKey() {
        assertOnlyProblem(MESH + """
                views:
                  by-id: {stream: orders, key: orderId}
                """, "12:32", "views.by-id.key", "JSON pointer like /orderId", "starts with '/'");
        assertOnlyProblem(MESH + """
                views:
                  by-id: {stream: orders, key: /a~2b}
                """, "12:32", "views.by-id.key", "~0");
    }

    @Test
    void anEnrichmentNeedsAPlainViewToLookUp() {
        assertOnlyProblem(MESH + """
                views:
                  rich: {stream: orders, enrich: {view: customer, on: /customerId, as: customer}}
                  customers: {stream: customers}
                """, "12:41", "views.rich.enrich.view", "unknown view 'customer'", "did you mean 'customers'");
        List<ConfigProblem> problems = problemsIn(MESH + """
                views:
                  a: {stream: orders, enrich: {view: b, on: /x, as: y}}
                  b: {stream: orders, enrich: {view: c, on: /x, as: y}}
                  c: {stream: customers}
                """);
        assertTrue(problems.stream().anyMatch(p -> p.field().equals("views.a.enrich.view") && p.message().contains("enriched itself")),
                ProblemAssertions.render(problems));
        assertOnlyProblem(MESH + """
                views:
                  rich: {stream: orders, enrich: {view: customers, on: customerId, as: customer}}
                  customers: {stream: customers}
                """, "12:56", "views.rich.enrich.on", "JSON pointer");
    }

    @Test
    void unknownKeysAreRefusedWithASuggestion() {
        assertOnlyProblem(MESH + """
                views:
                  by-id: {stream: orders, keys: /orderId}
                """, "12:27", "views.by-id.keys", "did you mean 'key'");
    }

    @Test
    void readersMayNameViews() {
        MeshConfig mesh = MeshConfigLoader.parse(MESH + """
                views:
                  customers-by-id: {stream: customers}
                security:
                  jwt: {hmac-secret-env: SECRET}
                  readers:
                    customers-by-id: [role:support]
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "m.yaml");
        assertTrue(mesh.security().readers().containsKey("customers-by-id"));
        assertProblem(problemsIn(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  readers:
                    customers-by-idd: [role:support]
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """), "14:5", "security.readers.customers-by-idd", "unknown stream or view");
    }
}
