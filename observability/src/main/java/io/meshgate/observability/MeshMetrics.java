package io.meshgate.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The instruments meshgate records, so their names, units and attributes live in one place. Callers pass plain
 * values; attribute sets are cached where the path is hot.
 *
 * <table>
 *   <caption>Instruments and the Prometheus series they become</caption>
 *   <tr><th>OpenTelemetry name</th><th>kind, unit</th><th>Prometheus series</th></tr>
 *   <tr><td>{@value #REPLICATION_RECORDS}</td><td>counter, {record}</td>
 *       <td>{@code meshgate_replication_records_total{stream,origin}}</td></tr>
 *   <tr><td>{@value #REPLICATION_BYTES}</td><td>counter, By</td>
 *       <td>{@code meshgate_replication_bytes_total{stream,origin}} (the unit suffix {@code _bytes} is not
 *       repeated because the name already ends with it)</td></tr>
 *   <tr><td>{@value #REPLICATION_TRANSACTIONS}</td><td>counter, {transaction}</td>
 *       <td>{@code meshgate_replication_transactions_total{stream,origin,outcome}}, outcome
 *       {@code committed|aborted}</td></tr>
 *   <tr><td>{@value #REPLICATION_RECORDS_BEHIND}</td><td>gauge, {record}</td>
 *       <td>{@code meshgate_replication_records_behind{stream,origin,partition}}</td></tr>
 *   <tr><td>{@value #LINK_STATE}</td><td>gauge, no unit</td><td>{@code meshgate_link_state{peer,state}}</td></tr>
 *   <tr><td>{@value #LINK_RECONNECTS}</td><td>counter, {reconnect}</td>
 *       <td>{@code meshgate_link_reconnects_total{peer}}</td></tr>
 *   <tr><td>{@value #LINK_AUTH_REFUSED}</td><td>counter, {handshake}</td>
 *       <td>{@code meshgate_link_auth_refused_total{code}}</td></tr>
 * </table>
 *
 * <p>Units in braces are annotations and add no Prometheus suffix. Counters gain {@code _total}. Resource
 * attributes (region, instance) are not labels here; they are on {@code target_info}, see {@link Telemetry}.
 *
 * <p>Thread safety: every method may be called from any thread. Gauge suppliers are called on the scraping
 * thread, during the scrape, and must be fast, non-blocking and thread-safe.
 */
public final class MeshMetrics {

    public static final String REPLICATION_RECORDS = "meshgate.replication.records";
    public static final String REPLICATION_BYTES = "meshgate.replication.bytes";
    public static final String REPLICATION_TRANSACTIONS = "meshgate.replication.transactions";
    public static final String REPLICATION_RECORDS_BEHIND = "meshgate.replication.records_behind";
    public static final String LINK_STATE = "meshgate.link.state";
    public static final String LINK_RECONNECTS = "meshgate.link.reconnects";
    public static final String LINK_AUTH_REFUSED = "meshgate.link.auth.refused";
    public static final String KAFKA_UP = "meshgate.kafka.up";
    public static final String REPLICATION_LAG = "meshgate.replication.lag";
    public static final String REPLICATION_GAP_RECORDS = "meshgate.replication.gap.records";

    static final AttributeKey<String> PEER = AttributeKey.stringKey("peer");
    static final AttributeKey<String> STATE = AttributeKey.stringKey("state");
    static final AttributeKey<Long> PARTITION = AttributeKey.longKey("partition");
    static final AttributeKey<String> CODE = AttributeKey.stringKey("code");

    private final Meter meter;
    private final LongCounter records;
    private final LongCounter bytes;
    private final LongCounter transactions;
    private final LongCounter reconnects;
    private final LongCounter gapRecords;
    private final LongCounter linkAuthRefused;
    private final ReplicationAttributes replicationAttributes = new ReplicationAttributes();

    public MeshMetrics(Meter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.records = meter.counterBuilder(REPLICATION_RECORDS)
                .setDescription("Records written to replica topics")
                .setUnit("{record}")
                .build();
        this.bytes = meter.counterBuilder(REPLICATION_BYTES)
                .setDescription("Serialized key, value and header bytes of records written to replica topics")
                .setUnit("By")
                .build();
        this.transactions = meter.counterBuilder(REPLICATION_TRANSACTIONS)
                .setDescription("Replica writer transactions, by outcome")
                .setUnit("{transaction}")
                .build();
        this.gapRecords = meter.counterBuilder(REPLICATION_GAP_RECORDS)
                .setDescription("Origin records lost before this region replicated them (origin retention outran a link outage)")
                .setUnit("{record}")
                .build();
        this.linkAuthRefused = meter.counterBuilder(LINK_AUTH_REFUSED)
                .setDescription("Link handshakes refused because their credentials did not prove a gateway of the mesh, by code")
                .setUnit("{handshake}")
                .build();
        this.reconnects = meter.counterBuilder(LINK_RECONNECTS)
                .setDescription("Times a link to a peer region was re-established after it dropped")
                .setUnit("{reconnect}")
                .build();
    }

    /** Counts {@code recordCount} records of {@code byteCount} bytes written to the replica of (stream, origin). */
    public void recordsReplicated(String stream, String origin, long recordCount, long byteCount) {
        if (recordCount < 0 || byteCount < 0) {
            throw new IllegalArgumentException("stream '" + stream + "' origin '" + origin
                    + "': counts must be >= 0, got records=" + recordCount + " bytes=" + byteCount);
        }
        Attributes attributes = replicationAttributes.of(stream, origin).streamOrigin();
        records.add(recordCount, attributes);
        bytes.add(byteCount, attributes);
    }

    public void transactionCommitted(String stream, String origin) {
        transactions.add(1, replicationAttributes.of(stream, origin).committed());
    }

    public void transactionAborted(String stream, String origin) {
        transactions.add(1, replicationAttributes.of(stream, origin).aborted());
    }

    /**
     * {@code meshgate_replication_gap_records_total{stream,origin}}: origin records lost before this region replicated
     * them (the origin's retention deleted them during a long outage). Should stay 0; alert on any increase.
     */
    public void gapRecords(String stream, String origin, long records) {
        if (records < 0) {
            throw new IllegalArgumentException("gap records must be >= 0, got " + records);
        }
        gapRecords.add(records, replicationAttributes.of(stream, origin).streamOrigin());
    }

    /**
     * {@code meshgate_link_auth_refused_total{code}}: link handshakes refused for their credentials, by the code
     * logged with {@code link.auth.refused}. A rise is a misconfigured region (a wrong secret, a clock far off) or
     * someone probing the link endpoint.
     */
    public void linkAuthRefused(String code) {
        linkAuthRefused.add(1, Attributes.of(CODE, Objects.requireNonNull(code, "code")));
    }

    public void linkReconnected(String peer) {
        // Reconnects are rare, so the attribute set is not worth caching.
        reconnects.add(1, Attributes.of(PEER, Objects.requireNonNull(peer, "peer")));
    }

    /**
     * Registers the {@value #LINK_STATE} gauge as a state set: at every scrape, for each peer in the map, one
     * series per state name, {@code 1} for the peer's current state and {@code 0} for the others. Emitting the
     * zeros keeps {@code meshgate_link_state{state="connected"} == 0} true while a link is down, instead of the
     * series just vanishing. A current state missing from {@code stateNames} is still reported, with {@code 1}.
     *
     * @param stateNames every state a link can be in, e.g. {@code connecting, connected, disconnected}
     * @param peerToState read at scrape time, on the scraping thread: peer region id to current state name
     * @return closes the gauge; until then the supplier is kept reachable
     */
    public Registration registerLinkStates(Collection<String> stateNames, Supplier<Map<String, String>> peerToState) {
        List<String> states = List.copyOf(stateNames);
        Objects.requireNonNull(peerToState, "peerToState");
        ObservableLongGauge gauge = meter.gaugeBuilder(LINK_STATE)
                .setDescription("1 for the state each link to a peer region is in, 0 for its other states")
                .ofLongs()
                .buildWithCallback(measurement -> observeLinkStates(measurement, states, peerToState.get()));
        return GaugeRegistration.closingOnce(gauge);
    }

    private static void observeLinkStates(ObservableLongMeasurement measurement, List<String> states,
            Map<String, String> peerToState) {
        peerToState.forEach((peer, current) -> {
            for (String state : states) {
                measurement.record(state.equals(current) ? 1 : 0, Attributes.of(PEER, peer, STATE, state));
            }
            if (current != null && !states.contains(current)) {
                measurement.record(1, Attributes.of(PEER, peer, STATE, current));
            }
        });
    }

    /**
     * Registers the {@value #REPLICATION_RECORDS_BEHIND} gauge: at every scrape, one series per row the supplier
     * returns. Rows not returned any more disappear from the next scrape.
     *
     * @param rows read at scrape time, on the scraping thread
     * @return closes the gauge
     */
    public Registration registerRecordsBehind(Supplier<? extends Collection<RecordsBehind>> rows) {
        Objects.requireNonNull(rows, "rows");
        ObservableLongGauge gauge = meter.gaugeBuilder(REPLICATION_RECORDS_BEHIND)
                .setDescription("Records this region's replica of an origin partition is behind the origin")
                .setUnit("{record}")
                .ofLongs()
                .buildWithCallback(measurement -> {
                    for (RecordsBehind row : rows.get()) {
                        measurement.record(row.records(), Attributes.of(
                                ReplicationAttributes.STREAM, row.stream(),
                                ReplicationAttributes.ORIGIN, row.origin(),
                                PARTITION, (long) row.partition()));
                    }
                });
        return GaugeRegistration.closingOnce(gauge);
    }

    /**
     * {@code meshgate_replication_lag_seconds{stream,origin,partition}}: the time behind of each replica partition,
     * from the rows the supplier gives at scrape time.
     */
    public Registration registerTimeBehind(Supplier<? extends Collection<TimeBehind>> rows) {
        Objects.requireNonNull(rows, "rows");
        ObservableDoubleGauge gauge = meter.gaugeBuilder(REPLICATION_LAG)
                .setDescription("Seconds since the origin partition was in a state this region's replica fully holds")
                .setUnit("s")
                .buildWithCallback(measurement -> {
                    for (TimeBehind row : rows.get()) {
                        measurement.record(row.millis() / 1000.0, Attributes.of(
                                ReplicationAttributes.STREAM, row.stream(),
                                ReplicationAttributes.ORIGIN, row.origin(),
                                PARTITION, (long) row.partition()));
                    }
                });
        return GaugeRegistration.closingOnce(gauge);
    }

    /**
     * {@code meshgate_kafka_up}: 1 while the region's Kafka cluster answers, 0 otherwise. Always present, so
     * every gateway exposes at least one series even before it replicates anything.
     */
    public Registration registerKafkaUp(BooleanSupplier up) {
        Objects.requireNonNull(up, "up");
        ObservableLongGauge gauge = meter.gaugeBuilder(KAFKA_UP)
                .setDescription("1 while this region's Kafka cluster answers the gateway, 0 otherwise")
                .ofLongs()
                .buildWithCallback(measurement -> measurement.record(up.getAsBoolean() ? 1 : 0));
        return GaugeRegistration.closingOnce(gauge);
    }
}
