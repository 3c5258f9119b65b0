package io.meshgate.observability;

/** Whether a component, or the whole gateway, is healthy. */
public enum HealthStatus {
    UP,
    DOWN
}
