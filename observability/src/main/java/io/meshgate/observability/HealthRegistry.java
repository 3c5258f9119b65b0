package io.meshgate.observability;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where components register their health checks, by kind, and where the HTTP layer asks for a report.
 *
 * <ul>
 *   <li>{@link Kind#LIVENESS}: is the process working at all (an event loop not stuck, no fatal error)? Failing
 *       means "restart me".</li>
 *   <li>{@link Kind#READINESS}: should traffic come here now (local cluster reachable, views loaded)? Failing
 *       means "send ports elsewhere for now".</li>
 * </ul>
 *
 * <p>Thread-safe: registering, closing registrations and checking may happen concurrently from any thread.
 * {@link #check(Kind)} runs the checks on the calling thread, outside any lock, against the checks registered
 * when it started; see {@link HealthCheck} for what checks may do.
 */
public final class HealthRegistry {

    /** Which question a check answers. */
    public enum Kind {
        READINESS,
        LIVENESS
    }

    // Guarded by this. Linked maps keep registration order for reports.
    private final Map<Kind, Map<String, HealthCheck>> checks = new EnumMap<>(Kind.class);

    public HealthRegistry() {
        for (Kind kind : Kind.values()) {
            checks.put(kind, new LinkedHashMap<>());
        }
    }

    /**
     * Registers {@code check} under {@code name}, which reports show instead of the name the check returns.
     *
     * @return removes this check (and only this one, should the name since have been reused)
     * @throws IllegalArgumentException if a check of this kind is already registered under {@code name}
     */
    public Registration register(Kind kind, String name, HealthCheck check) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if (name.isBlank()) {
            throw new IllegalArgumentException(kind + " check name must not be blank");
        }
        synchronized (this) {
            Map<String, HealthCheck> ofKind = checks.get(kind);
            if (ofKind.containsKey(name)) {
                throw new IllegalArgumentException(kind + " check '" + name + "' is already registered");
            }
            ofKind.put(name, check);
        }
        return () -> unregister(kind, name, check);
    }

    public Registration registerReadiness(String name, HealthCheck check) {
        return register(Kind.READINESS, name, check);
    }

    public Registration registerLiveness(String name, HealthCheck check) {
        return register(Kind.LIVENESS, name, check);
    }

    /** Runs every check of {@code kind} now and aggregates the results. */
    public HealthReport check(Kind kind) {
        Objects.requireNonNull(kind, "kind");
        List<Map.Entry<String, HealthCheck>> snapshot;
        synchronized (this) {
            // Immutable copies: a map's own entries are live views of its nodes.
            snapshot = checks.get(kind).entrySet().stream()
                    .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                    .toList();
        }
        List<HealthCheckResult> results = new ArrayList<>(snapshot.size());
        for (Map.Entry<String, HealthCheck> entry : snapshot) {
            results.add(run(entry.getKey(), entry.getValue()));
        }
        return HealthReport.of(results);
    }

    private synchronized void unregister(Kind kind, String name, HealthCheck check) {
        checks.get(kind).remove(name, check);
    }

    private static HealthCheckResult run(String name, HealthCheck check) {
        HealthCheckResult result;
        try {
            result = check.check();
        } catch (RuntimeException e) {
            String message = e.getMessage();
            return HealthCheckResult.down(name, message != null ? message : e.getClass().getSimpleName());
        }
        if (result == null) {
            return HealthCheckResult.down(name, "check returned no result");
        }
        return result.withName(name);
    }
}
