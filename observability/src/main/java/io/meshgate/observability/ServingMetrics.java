package io.meshgate.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The instruments of what a gateway serves to destination ports, beside {@link MeshMetrics}' replication and links:
 *
 * <table>
 *   <caption>Instruments and the Prometheus series they become</caption>
 *   <tr><th>OpenTelemetry name</th><th>kind, unit</th><th>Prometheus series</th></tr>
 *   <tr><td>{@value #VIEW_STALENESS}</td><td>gauge, s</td><td>{@code meshgate_view_staleness_seconds{view}}</td></tr>
 *   <tr><td>{@value #SUBSCRIPTIONS_OPEN}</td><td>gauge, {subscription}</td>
 *       <td>{@code meshgate_subscriptions_open}</td></tr>
 * </table>
 *
 * <p>Thread safety: as {@link MeshMetrics}: suppliers are called on the scraping thread and must be fast,
 * non-blocking and thread-safe.
 */
public final class ServingMetrics {

    public static final String VIEW_STALENESS = "meshgate.view.staleness";
    public static final String SUBSCRIPTIONS_OPEN = "meshgate.subscriptions.open";

    static final AttributeKey<String> VIEW = AttributeKey.stringKey("view");

    private final Meter meter;

    public ServingMetrics(Meter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
    }

    /**
     * {@code meshgate_view_staleness_seconds{view}}: how far each view built in this region is behind its stream's
     * origins, the {@code stalenessMs} of lookups and {@code /health/views}. A view whose staleness is not known
     * (still reading a backlog, or stalled) has no series at that scrape: alert on {@code absent()} as well as on
     * the value.
     *
     * @param viewToStalenessMs read at scrape time: view name to milliseconds behind, or null when not known
     */
    public Registration registerViewStaleness(Supplier<Map<String, Long>> viewToStalenessMs) {
        Objects.requireNonNull(viewToStalenessMs, "viewToStalenessMs");
        return GaugeRegistration.closingOnce(meter.gaugeBuilder(VIEW_STALENESS)
                .setDescription("Seconds a view built in this region is behind the origins of its stream")
                .setUnit("s")
                .buildWithCallback(measurement -> viewToStalenessMs.get().forEach((view, millis) -> {
                    if (millis != null) {
                        measurement.record(millis / 1000.0, Attributes.of(VIEW, view));
                    }
                })));
    }

    /** {@code meshgate_subscriptions_open}: WebSocket subscriptions open on this gateway instance now. */
    public Registration registerSubscriptionsOpen(IntSupplier open) {
        Objects.requireNonNull(open, "open");
        return GaugeRegistration.closingOnce(meter.gaugeBuilder(SUBSCRIPTIONS_OPEN)
                .setDescription("WebSocket subscriptions of destination ports open on this gateway instance")
                .setUnit("{subscription}")
                .ofLongs()
                .buildWithCallback(measurement -> measurement.record(open.getAsInt())));
    }
}
