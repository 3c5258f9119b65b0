package io.meshgate.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The OpenTelemetry SDK of one gateway instance: a meter provider read by Prometheus scrapes and a tracer
 * provider. Nothing is registered globally ({@code GlobalOpenTelemetry} stays untouched), because the demo
 * runs two gateways in one JVM and each must expose only its own metrics.
 *
 * <p>The resource carries exactly {@code service.name=meshgate}, {@code meshgate.region} and
 * {@code meshgate.instance}. They appear once, as labels of the {@code target_info} series, and never as labels
 * of every metric: the SDK's default resource (SDK name, language, version) is left out and the exporter copies
 * no resource attribute onto metrics. Instrumentation-scope labels ({@code otel_scope_name}) are switched off
 * too, since all meshgate metrics come from one scope.
 *
 * <p>Tracing has no span processor and samples nothing, so spans are non-recording and cost almost nothing;
 * they still carry and propagate (W3C trace context) a valid trace id.
 *
 * <p>Thread safety: all methods may be called from any thread. Scrapes may run concurrently with recording and
 * with each other.
 */
public final class Telemetry implements AutoCloseable {

    /** Content type of {@link #scrapePrometheusText()}: the Prometheus text exposition format 0.0.4. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Instrumentation scope name of the meter and tracer handed out. */
    public static final String INSTRUMENTATION_SCOPE = "io.meshgate";

    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    static final AttributeKey<String> REGION = AttributeKey.stringKey("meshgate.region");
    static final AttributeKey<String> INSTANCE = AttributeKey.stringKey("meshgate.instance");

    // Stateless, so one writer serves concurrent scrapes.
    private static final PrometheusTextFormatWriter TEXT_WRITER = PrometheusTextFormatWriter.create();

    private final String region;
    private final String instanceId;
    private final PrometheusMetricReader prometheusReader;
    private final OpenTelemetrySdk sdk;
    private final Meter meter;
    private final Tracer tracer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Telemetry(String region, String instanceId) {
        this.region = region;
        this.instanceId = instanceId;
        Resource resource = Resource.create(Attributes.of(
                SERVICE_NAME, "meshgate",
                REGION, region,
                INSTANCE, instanceId));
        this.prometheusReader = PrometheusMetricReader.builder()
                .setOtelScopeLabelsEnabled(false)
                .build();
        SdkMeterProvider meterProvider = SdkMeterProvider.builder()
                .setResource(resource)
                .registerMetricReader(prometheusReader)
                .build();
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.alwaysOff())
                .build();
        this.sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(meterProvider)
                .setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        this.meter = sdk.getMeter(INSTRUMENTATION_SCOPE);
        this.tracer = sdk.getTracer(INSTRUMENTATION_SCOPE);
    }

    /**
     * Creates the telemetry of one gateway instance.
     *
     * @param region the region id this gateway serves, e.g. {@code eu-west}
     * @param instanceId the id of this gateway instance, unique within the region
     */
    public static Telemetry create(String region, String instanceId) {
        return new Telemetry(requireText(region, "region"), requireText(instanceId, "instanceId"));
    }

    public String region() {
        return region;
    }

    public String instanceId() {
        return instanceId;
    }

    /** The meter all meshgate instruments are created from; see {@link MeshMetrics}. */
    public Meter meter() {
        return meter;
    }

    /** A tracer whose spans are non-recording (no exporter configured). */
    public Tracer tracer() {
        return tracer;
    }

    /** This instance's SDK, for libraries that take an {@link OpenTelemetry}; it is not registered globally. */
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /**
     * Collects every metric of this instance now (observable gauges call their callbacks here) and renders them in
     * the Prometheus text format, to be served with {@link #PROMETHEUS_CONTENT_TYPE}.
     *
     * @throws IllegalStateException once this telemetry is closed, rather than serving frozen values
     */
    public String scrapePrometheusText() {
        if (closed.get()) {
            throw new IllegalStateException("telemetry of " + region + "/" + instanceId + " is closed");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try {
            TEXT_WRITER.write(out, prometheusReader.collect());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Shuts the SDK down, waiting a bounded time. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sdk.close();
        }
    }

    private static String requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }
}
