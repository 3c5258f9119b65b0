package io.meshgate.chaos.scenarios;

/** Mesh config fragments the fault scenarios share. */
final class ScenarioYaml {

    /** One stream, {@code orders}, written in eu-west and replicated everywhere else. */
    static final String ORDERS_FROM_EU_WEST = """
            streams:
              orders:
                origins: [eu-west]
            """;

    /**
     * Links tuned for tests: a dead link is noticed after 2 s (not 15) and retried within a second, so outages
     * and recoveries happen within a test's time, with the same code paths as production settings.
     */
    static final String FAST_LINKS = """
            links:
              heartbeat-interval: 250ms
              idle-timeout: 2s
              reconnect-backoff-initial: 100ms
              reconnect-backoff-max: 1s
            """;

    private ScenarioYaml() {
    }
}
