package io.meshgate.gateway.view;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.gateway.filter.JsonValues;
import io.meshgate.observability.Events;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.position.Cursor;
import io.meshgate.replication.subscribe.LocalRecord;
import io.meshgate.replication.subscribe.StartPosition;
import io.meshgate.replication.subscribe.StreamScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Folds a stream, as this region holds it (origin topic and replicas), into a view's store: the latest value per
 * key, a tombstone deleting its key, each batch applied together with the positions it brings the view to.
 *
 * <p>Runs on its scanner's thread; the counters it exposes are safe to read from anywhere.
 */
final class ViewBuilder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ViewBuilder.class);

    private final ViewDefinition view;
    private final ViewStore store;
    private final StreamScanner scanner;
    private final Map<String, Long> lastTimestamp = new ConcurrentHashMap<>();
    private final AtomicLong unkeyed = new AtomicLong();

    ViewBuilder(ViewDefinition view, ViewStore store, LocalCluster cluster, MeshConfig mesh, StreamConfig stream) {
        this.view = view;
        this.store = store;
        this.scanner = new StreamScanner(cluster, mesh, stream, "view-" + view.name(), this::apply, this::failed);
    }

    /** Starts where the store's positions say (a view another instance built so far), or from the beginning. */
    void start() {
        Cursor asOf = store.asOf();
        scanner.start(asOf.next().isEmpty() ? new StartPosition.Earliest() : new StartPosition.AtCursor(asOf));
    }

    private void apply(StreamScanner.Batch batch) {
        Map<String, ViewValue> changes = new LinkedHashMap<>();
        for (LocalRecord record : batch.records()) {
            Object json = JsonValues.parse(record.value());
            String recordKey = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            String key = json == null ? deletedKey(recordKey) : view.keyOf(record.key(), json);
            if (key == null) {
                unkeyed.incrementAndGet();
                continue;
            }
            if (json == null || (view.filtersWhileBuilding() && !view.filter().matches(json))) {
                changes.put(key, null);  // deleted, or no longer what the view selects
            } else {
                changes.put(key, new ViewValue(json == JsonValues.NOT_JSON
                        ? Base64.getEncoder().encodeToString(record.value()) : new String(record.value(), StandardCharsets.UTF_8),
                        json == JsonValues.NOT_JSON, record.origin(), record.partition(), record.originOffset(), record.timestamp()));
            }
            if (view.keyPointer() != null && recordKey != null) {
                if (json == null) {
                    store.keyIndex().remove(recordKey);
                } else {
                    store.keyIndex().put(recordKey, key);
                }
            }
            lastTimestamp.merge(record.origin(), record.timestamp(), Math::max);
        }
        store.apply(changes, batch.cursorAfter());
    }

    /** The view key a tombstone deletes: its record key, or for field-keyed views the key that record last had. */
    private String deletedKey(String recordKey) {
        return view.keyPointer() == null ? recordKey : recordKey == null ? null : store.keyIndex().get(recordKey);
    }

    private void failed(Throwable cause) {
        Events.warn(LOG, "view.build.stalled", "view", view.name(), "cause", String.valueOf(cause.getMessage()),
                "then", "retrying from where it stopped");
    }

    /** Records this region holds that the view does not reflect yet, per origin. */
    Map<String, Long> recordsBehind() {
        return scanner.recordsBehind();
    }

    /** The newest record time applied per origin. */
    Map<String, Long> lastTimestamps() {
        return lastTimestamp;
    }

    long unkeyedRecords() {
        return unkeyed.get();
    }

    /** Why the builder cannot read now, or null while it reads fine. */
    String failure() {
        return scanner.lastFailure();
    }

    @Override
    public void close() {
        scanner.close();
    }
}
