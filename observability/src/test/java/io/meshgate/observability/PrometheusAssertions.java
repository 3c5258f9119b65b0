package io.meshgate.observability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on Prometheus text exposition, line by line, printing the whole scrape on failure. */
final class PrometheusAssertions {

    private PrometheusAssertions() {
    }

    /** Asserts the scrape holds exactly this sample line, e.g. {@code name{a="1"} 5.0}. */
    static void assertSample(String scrape, String seriesWithLabels, String value) {
        String line = seriesWithLabels + " " + value;
        assertTrue(scrape.lines().anyMatch(line::equals), () -> "expected line\n  " + line + "\nin\n" + scrape);
    }

    /** Asserts no sample line of this metric family name carries these exact labels. */
    static void assertNoSeries(String scrape, String seriesWithLabels) {
        assertFalse(scrape.lines().anyMatch(l -> l.startsWith(seriesWithLabels + " ")),
                () -> "unexpected series " + seriesWithLabels + " in\n" + scrape);
    }

    /** Asserts no line at all mentions this metric name. */
    static void assertNoMetric(String scrape, String metricName) {
        assertFalse(scrape.lines().anyMatch(l -> l.startsWith(metricName + "{") || l.startsWith(metricName + " ")),
                () -> "unexpected metric " + metricName + " in\n" + scrape);
    }
}
