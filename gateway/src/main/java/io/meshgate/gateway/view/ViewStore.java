package io.meshgate.gateway.view;

import io.meshgate.replication.position.Cursor;

import java.util.List;
import java.util.Map;

/**
 * Where a view's state lives in this region: its entries by key and the positions they reflect. Written by the
 * region's one builder of the view, read by every gateway instance of the region. Implementations are thread-safe.
 */
public interface ViewStore {

    /** Applies one batch of changes (a null value deletes the key) and the positions they bring the view to. */
    void apply(Map<String, ViewValue> changes, Cursor asOf);

    ViewValue get(String key);

    /** Up to {@code limit} entries in key order, with keys starting with {@code prefix}, after {@code after} (exclusive). */
    List<Map.Entry<String, ViewValue>> scan(String prefix, String after, int limit);

    long size();

    /** The positions the view reflects: every record before them, per origin partition. */
    Cursor asOf();

    /**
     * For views keyed by a field of the value: the view key each record key last had, so a tombstone (which has no
     * value to take the field from) finds what to delete. Kept with the view, so a new builder can carry on.
     */
    java.util.concurrent.ConcurrentMap<String, String> keyIndex();
}
