package io.meshgate.observability;

import static io.meshgate.observability.PrometheusAssertions.assertNoMetric;
import static io.meshgate.observability.PrometheusAssertions.assertNoSeries;
import static io.meshgate.observability.PrometheusAssertions.assertSample;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeshMetricsTest {

    private static final List<String> LINK_STATES = List.of("connecting", "connected", "disconnected");

    private final Telemetry telemetry = Telemetry.create("eu-west", "gw-1");
    private final MeshMetrics metrics = new MeshMetrics(telemetry.meter());

    @AfterEach
    void closeTelemetry() {
        telemetry.close();
    }

    @Test
    void replicatedRecordsAndBytesAccumulatePerStreamAndOrigin() {
        metrics.recordsReplicated("orders", "us-east", 10, 1_000);
        metrics.recordsReplicated("orders", "us-east", 5, 500);
        metrics.recordsReplicated("orders", "ap-south", 1, 42);

        String scrape = telemetry.scrapePrometheusText();

        assertSample(scrape, "meshgate_replication_records_total{origin=\"us-east\",stream=\"orders\"}", "15.0");
        assertSample(scrape, "meshgate_replication_bytes_total{origin=\"us-east\",stream=\"orders\"}", "1500.0");
        assertSample(scrape, "meshgate_replication_records_total{origin=\"ap-south\",stream=\"orders\"}", "1.0");
        assertSample(scrape, "meshgate_replication_bytes_total{origin=\"ap-south\",stream=\"orders\"}", "42.0");
    }

    @Test
    void transactionsAreCountedByOutcome() {
        metrics.transactionCommitted("orders", "us-east");
        metrics.transactionCommitted("orders", "us-east");
        metrics.transactionAborted("orders", "us-east");

        String scrape = telemetry.scrapePrometheusText();

        assertSample(scrape, "meshgate_replication_transactions_total"
                + "{origin=\"us-east\",outcome=\"committed\",stream=\"orders\"}", "2.0");
        assertSample(scrape, "meshgate_replication_transactions_total"
                + "{origin=\"us-east\",outcome=\"aborted\",stream=\"orders\"}", "1.0");
    }

    @Test
    void refusedLinkHandshakesAreCountedByCode() {
        metrics.linkAuthRefused("link.auth.invalid");
        metrics.linkAuthRefused("link.auth.invalid");
        metrics.linkAuthRefused("link.auth.missing");
        String text = telemetry.scrapePrometheusText();
        assertSample(text, "meshgate_link_auth_refused_total{code=\"link.auth.invalid\"}", "2.0");
        assertSample(text, "meshgate_link_auth_refused_total{code=\"link.auth.missing\"}", "1.0");
    }

    @Test
    void reconnectsAreCountedPerPeer() {
        metrics.linkReconnected("us-east");
        metrics.linkReconnected("us-east");

        assertSample(telemetry.scrapePrometheusText(), "meshgate_link_reconnects_total{peer=\"us-east\"}", "2.0");
    }

    @Test
    void linkStateGaugeIsAStateSetReadFromTheSupplierAtScrapeTime() {
        var states = new AtomicReference<Map<String, String>>(Map.of("us-east", "connecting"));
        metrics.registerLinkStates(LINK_STATES, states::get);

        String first = telemetry.scrapePrometheusText();
        assertSample(first, "meshgate_link_state{peer=\"us-east\",state=\"connecting\"}", "1.0");
        assertSample(first, "meshgate_link_state{peer=\"us-east\",state=\"connected\"}", "0.0");
        assertSample(first, "meshgate_link_state{peer=\"us-east\",state=\"disconnected\"}", "0.0");

        states.set(Map.of("us-east", "connected", "ap-south", "disconnected"));
        String second = telemetry.scrapePrometheusText();
        assertSample(second, "meshgate_link_state{peer=\"us-east\",state=\"connecting\"}", "0.0");
        assertSample(second, "meshgate_link_state{peer=\"us-east\",state=\"connected\"}", "1.0");
        assertSample(second, "meshgate_link_state{peer=\"ap-south\",state=\"disconnected\"}", "1.0");
    }

    @Test
    void linkStateNotAmongKnownStatesIsStillReported() {
        metrics.registerLinkStates(LINK_STATES, () -> Map.of("us-east", "draining"));

        String scrape = telemetry.scrapePrometheusText();

        assertSample(scrape, "meshgate_link_state{peer=\"us-east\",state=\"draining\"}", "1.0");
        assertSample(scrape, "meshgate_link_state{peer=\"us-east\",state=\"connected\"}", "0.0");
    }

    @Test
    void recordsBehindFollowsTheRowsOfEachScrape() {
        var rows = new AtomicReference<List<RecordsBehind>>(List.of(
                new RecordsBehind("orders", "us-east", 0, 12),
                new RecordsBehind("orders", "us-east", 1, 0)));
        metrics.registerRecordsBehind(rows::get);

        String first = telemetry.scrapePrometheusText();
        assertSample(first,
                "meshgate_replication_records_behind{origin=\"us-east\",partition=\"0\",stream=\"orders\"}", "12.0");
        assertSample(first,
                "meshgate_replication_records_behind{origin=\"us-east\",partition=\"1\",stream=\"orders\"}", "0.0");

        rows.set(List.of(new RecordsBehind("orders", "us-east", 0, 3)));
        String second = telemetry.scrapePrometheusText();
        assertSample(second,
                "meshgate_replication_records_behind{origin=\"us-east\",partition=\"0\",stream=\"orders\"}", "3.0");
        assertNoSeries(second,
                "meshgate_replication_records_behind{origin=\"us-east\",partition=\"1\",stream=\"orders\"}");
    }

    @Test
    void timeBehindIsScrapedInSeconds() {
        metrics.registerTimeBehind(() -> List.of(new TimeBehind("orders", "us-east", 2, 1_500)));
        assertSample(telemetry.scrapePrometheusText(),
                "meshgate_replication_lag_seconds{origin=\"us-east\",partition=\"2\",stream=\"orders\"}", "1.5");
    }

    @Test
    void closedGaugeRegistrationIsNoLongerScraped() {
        Registration registration = metrics.registerLinkStates(LINK_STATES, () -> Map.of("us-east", "connected"));
        registration.close();
        registration.close();

        assertNoMetric(telemetry.scrapePrometheusText(), "meshgate_link_state");
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> metrics.recordsReplicated("orders", "us-east", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> metrics.recordsReplicated("orders", "us-east", 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new RecordsBehind("orders", "us-east", 0, -1));
    }

    @Test
    void attributeSetsAreCachedPerStreamAndOrigin() {
        var cache = new ReplicationAttributes();

        assertSame(cache.of("orders", "us-east"), cache.of("orders", "us-east"));
        assertThrows(NullPointerException.class, () -> cache.of("orders", null));
    }
}
