package io.meshgate.observability;

import static io.meshgate.observability.HealthRegistry.Kind.LIVENESS;
import static io.meshgate.observability.HealthRegistry.Kind.READINESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {

    private final HealthRegistry registry = new HealthRegistry();

    @Test
    void noChecksMeansUp() {
        HealthReport report = registry.check(READINESS);

        assertEquals(HealthStatus.UP, report.status());
        assertTrue(report.checks().isEmpty());
    }

    @Test
    void allUpIsUpAndResultsKeepRegistrationOrder() {
        registry.registerReadiness("kafka", () -> HealthCheckResult.up("", "3 brokers"));
        registry.registerReadiness("link.us-east", () -> HealthCheckResult.up(""));
        registry.registerReadiness("views", () -> HealthCheckResult.up(""));

        HealthReport report = registry.check(READINESS);

        assertTrue(report.isUp());
        assertEquals(List.of("kafka", "link.us-east", "views"),
                report.checks().stream().map(HealthCheckResult::name).toList());
        assertEquals("3 brokers", report.checks().get(0).detail());
    }

    @Test
    void anyDownMakesTheReportDown() {
        registry.registerReadiness("kafka", () -> HealthCheckResult.up(""));
        registry.registerReadiness("views", () -> HealthCheckResult.down("", "orders-by-id loading"));

        HealthReport report = registry.check(READINESS);

        assertEquals(HealthStatus.DOWN, report.status());
        assertEquals(new HealthCheckResult("views", HealthStatus.DOWN, "orders-by-id loading"), report.checks().get(1));
    }

    @Test
    void throwingCheckIsDownWithTheExceptionMessageAndOthersStillRun() {
        registry.registerLiveness("event-loop", () -> {
            throw new IllegalStateException("blocked for 12 s");
        });
        registry.registerLiveness("no-message", () -> {
            throw new UnsupportedOperationException();
        });
        registry.registerLiveness("replica-writer", () -> HealthCheckResult.up(""));

        HealthReport report = registry.check(LIVENESS);

        assertEquals(HealthStatus.DOWN, report.status());
        assertEquals(List.of(
                new HealthCheckResult("event-loop", HealthStatus.DOWN, "blocked for 12 s"),
                new HealthCheckResult("no-message", HealthStatus.DOWN, "UnsupportedOperationException"),
                new HealthCheckResult("replica-writer", HealthStatus.UP, "")),
                report.checks());
    }

    @Test
    void checkReturningNullIsDown() {
        registry.registerLiveness("broken", () -> null);

        assertEquals(HealthStatus.DOWN, registry.check(LIVENESS).checks().get(0).status());
    }

    @Test
    void kindsAreSeparate() {
        registry.registerLiveness("process", () -> HealthCheckResult.up(""));
        registry.registerReadiness("kafka", () -> HealthCheckResult.down("", "unreachable"));

        assertTrue(registry.check(LIVENESS).isUp());
        assertEquals(HealthStatus.DOWN, registry.check(READINESS).status());
    }

    @Test
    void duplicateNamesAreRejectedUntilTheRegistrationIsClosed() {
        Registration first = registry.registerReadiness("kafka", () -> HealthCheckResult.down("", "old"));

        assertThrows(IllegalArgumentException.class,
                () -> registry.registerReadiness("kafka", () -> HealthCheckResult.up("")));

        first.close();
        registry.registerReadiness("kafka", () -> HealthCheckResult.up("", "new"));
        first.close(); // must not remove the newer check registered under the same name

        assertEquals(List.of(new HealthCheckResult("kafka", HealthStatus.UP, "new")), registry.check(READINESS).checks());
    }

    @Test
    void checkMayRegisterAnotherCheckWithoutDeadlock() {
        registry.registerReadiness("starter", () -> {
            registry.registerLiveness("late", () -> HealthCheckResult.up(""));
            return HealthCheckResult.up("");
        });

        assertTrue(registry.check(READINESS).isUp());
        assertEquals(1, registry.check(LIVENESS).checks().size());
    }

    @Test
    void jsonMapHasStatusAndChecksWithNameStatusDetail() {
        registry.registerReadiness("kafka", () -> HealthCheckResult.up(""));
        registry.registerReadiness("views", () -> HealthCheckResult.down("", "loading"));

        Map<String, Object> json = registry.check(READINESS).toJsonMap();

        assertEquals(Map.of(
                "status", "DOWN",
                "checks", List.of(
                        Map.of("name", "kafka", "status", "UP", "detail", ""),
                        Map.of("name", "views", "status", "DOWN", "detail", "loading"))),
                json);
        assertEquals(List.of("status", "checks"), List.copyOf(json.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> json.put("extra", 1));
    }
}
