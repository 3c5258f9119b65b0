package io.meshgate.observability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The results of every check of one kind, in registration order, and the overall status: {@link HealthStatus#DOWN}
 * if any check is down, otherwise {@link HealthStatus#UP} (also when there are no checks at all).
 */
public record HealthReport(HealthStatus status, List<HealthCheckResult> checks) {

    public HealthReport {
        Objects.requireNonNull(status, "status");
        checks = List.copyOf(checks);
    }

    /** A report whose status is derived from the results. */
    public static HealthReport of(List<HealthCheckResult> checks) {
        boolean anyDown = checks.stream().anyMatch(result -> result.status() == HealthStatus.DOWN);
        return new HealthReport(anyDown ? HealthStatus.DOWN : HealthStatus.UP, checks);
    }

    public boolean isUp() {
        return status == HealthStatus.UP;
    }

    /**
     * The report as plain maps and lists for the HTTP layer's JSON encoder:
     * {@code {"status":"UP","checks":[{"name":"...","status":"UP","detail":"..."}]}}. Unmodifiable.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status.name());
        json.put("checks", checks.stream().map(HealthCheckResult::toJsonMap).toList());
        return Collections.unmodifiableMap(json);
    }
}
