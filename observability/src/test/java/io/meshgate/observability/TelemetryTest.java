package io.meshgate.observability;

import static io.meshgate.observability.PrometheusAssertions.assertNoMetric;
import static io.meshgate.observability.PrometheusAssertions.assertSample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.Test;

class TelemetryTest {

    private static final Attributes ORDERS_FROM_US_EAST = Attributes.of(
            AttributeKey.stringKey("stream"), "orders", AttributeKey.stringKey("origin"), "us-east");

    @Test
    void scrapeShowsCounterWithPrometheusNameValueAndLabels() {
        try (Telemetry telemetry = Telemetry.create("eu-west", "gw-1")) {
            var counter = telemetry.meter().counterBuilder("meshgate.test.events").setUnit("{event}").build();
            counter.add(3, ORDERS_FROM_US_EAST);
            counter.add(2, ORDERS_FROM_US_EAST);

            String scrape = telemetry.scrapePrometheusText();

            assertSample(scrape, "meshgate_test_events_total{origin=\"us-east\",stream=\"orders\"}", "5.0");
            assertTrue(scrape.contains("# TYPE meshgate_test_events_total counter"), scrape);
        }
    }

    @Test
    void resourceAttributesOnlyOnTargetInfoAndWithoutSdkNoise() {
        try (Telemetry telemetry = Telemetry.create("eu-west", "gw-1")) {
            telemetry.meter().counterBuilder("meshgate.test.events").build().add(1);

            String scrape = telemetry.scrapePrometheusText();

            assertSample(scrape,
                    "target_info{meshgate_instance=\"gw-1\",meshgate_region=\"eu-west\",service_name=\"meshgate\"}", "1");
            assertSample(scrape, "meshgate_test_events_total", "1.0");
            assertFalse(scrape.contains("otel_scope"), scrape);
            assertFalse(scrape.contains("telemetry_sdk"), scrape);
        }
    }

    @Test
    void twoInstancesInOneJvmDoNotSeeEachOthersMetrics() {
        try (Telemetry euWest = Telemetry.create("eu-west", "gw-1");
                Telemetry usEast = Telemetry.create("us-east", "gw-1")) {
            euWest.meter().counterBuilder("meshgate.test.only_eu").build().add(7);
            usEast.meter().counterBuilder("meshgate.test.only_us").build().add(9);

            String euScrape = euWest.scrapePrometheusText();
            String usScrape = usEast.scrapePrometheusText();

            assertSample(euScrape, "meshgate_test_only_eu_total", "7.0");
            assertNoMetric(euScrape, "meshgate_test_only_us_total");
            assertSample(usScrape, "meshgate_test_only_us_total", "9.0");
            assertNoMetric(usScrape, "meshgate_test_only_eu_total");
            assertTrue(usScrape.contains("meshgate_region=\"us-east\""), usScrape);
        }
    }

    @Test
    void contentTypeIsWhatTheTextWriterProduces() {
        assertEquals(PrometheusTextFormatWriter.create().getContentType(), Telemetry.PROMETHEUS_CONTENT_TYPE);
        assertTrue(Telemetry.PROMETHEUS_CONTENT_TYPE.contains("version=0.0.4"));
    }

    @Test
    void scrapeAfterCloseFailsAndCloseIsIdempotent() {
        Telemetry telemetry = Telemetry.create("eu-west", "gw-1");
        telemetry.close();
        telemetry.close();

        assertThrows(IllegalStateException.class, telemetry::scrapePrometheusText);
    }

    @Test
    void spansAreNonRecordingButCarryATraceId() {
        try (Telemetry telemetry = Telemetry.create("eu-west", "gw-1")) {
            Span span = telemetry.tracer().spanBuilder("replicate").startSpan();
            try {
                assertFalse(span.isRecording());
                assertTrue(span.getSpanContext().isValid());
            } finally {
                span.end();
            }
        }
    }

    @Test
    void rejectsMissingRegionOrInstance() {
        assertThrows(IllegalArgumentException.class, () -> Telemetry.create(" ", "gw-1"));
        assertThrows(NullPointerException.class, () -> Telemetry.create("eu-west", null));
    }
}
