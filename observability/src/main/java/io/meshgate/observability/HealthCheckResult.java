package io.meshgate.observability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one health check.
 *
 * @param name the check's registered name, e.g. {@code link.us-east}
 * @param status up or down
 * @param detail a short human-readable reason; empty when there is nothing to say (null is turned into empty)
 */
public record HealthCheckResult(String name, HealthStatus status, String detail) {

    public HealthCheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static HealthCheckResult up(String name) {
        return new HealthCheckResult(name, HealthStatus.UP, "");
    }

    public static HealthCheckResult up(String name, String detail) {
        return new HealthCheckResult(name, HealthStatus.UP, detail);
    }

    public static HealthCheckResult down(String name, String detail) {
        return new HealthCheckResult(name, HealthStatus.DOWN, detail);
    }

    HealthCheckResult withName(String newName) {
        return newName.equals(name) ? this : new HealthCheckResult(newName, status, detail);
    }

    /** {@code {name, status, detail}} with status as {@code "UP"} or {@code "DOWN"}, in that field order. Unmodifiable. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("status", status.name());
        json.put("detail", detail);
        return Collections.unmodifiableMap(json);
    }
}
