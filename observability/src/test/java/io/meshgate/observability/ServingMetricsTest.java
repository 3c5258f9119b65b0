package io.meshgate.observability;

import static io.meshgate.observability.PrometheusAssertions.assertNoMetric;
import static io.meshgate.observability.PrometheusAssertions.assertNoSeries;
import static io.meshgate.observability.PrometheusAssertions.assertSample;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServingMetricsTest {

    private final Telemetry telemetry = Telemetry.create("eu-west", "gw-1");
    private final ServingMetrics metrics = new ServingMetrics(telemetry.meter());

    @AfterEach
    void closeTelemetry() {
        telemetry.close();
    }

    @Test
    void viewStalenessIsScrapedInSecondsAndAViewOfUnknownStalenessHasNoSeries() {
        Map<String, Long> staleness = new HashMap<>();
        staleness.put("orders-by-id", 1_250L);
        staleness.put("customers", null);
        metrics.registerViewStaleness(() -> staleness);
        String scrape = telemetry.scrapePrometheusText();
        assertSample(scrape, "meshgate_view_staleness_seconds{view=\"orders-by-id\"}", "1.25");
        assertNoSeries(scrape, "meshgate_view_staleness_seconds{view=\"customers\"}");
    }

    @Test
    void openSubscriptionsAreReadAtEachScrape() {
        AtomicInteger open = new AtomicInteger(3);
        metrics.registerSubscriptionsOpen(open::get);
        assertSample(telemetry.scrapePrometheusText(), "meshgate_subscriptions_open", "3.0");
        open.set(0);
        assertSample(telemetry.scrapePrometheusText(), "meshgate_subscriptions_open", "0.0");
    }

    @Test
    void aClosedRegistrationIsNoLongerScraped() {
        Registration registration = metrics.registerSubscriptionsOpen(() -> 1);
        registration.close();
        registration.close();
        assertNoMetric(telemetry.scrapePrometheusText(), "meshgate_subscriptions_open");
    }
}
