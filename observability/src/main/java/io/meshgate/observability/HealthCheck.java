package io.meshgate.observability;

/**
 * One health check a component registers with the {@link HealthRegistry}.
 *
 * <p>Checks run on the thread asking for the report (an HTTP request, a probe) and may run concurrently with
 * each other and with the component. They must be fast and non-blocking: report state the component already
 * tracks (a link's last heartbeat, whether a consumer is assigned), never do I/O. Throwing counts as
 * {@link HealthStatus#DOWN} with the exception's message as detail.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * The current result. Its name is replaced by the name the check was registered under, so checks may use
     * any name, e.g. via {@link HealthCheckResult#up(String)} with an empty string.
     */
    HealthCheckResult check();
}
