package io.meshgate.gateway.view;

import io.meshgate.replication.position.Cursor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A view kept in this gateway's memory, for a region served by one gateway instance: a sorted concurrent map for
 * scans, and a hash map of the same entries for lookups by key, which are most of the reads (a skip list's get walks
 * a few dozen string comparisons, each likely a cache miss, and showed in a lookup's profile).
 */
final class LocalViewStore implements ViewStore {

    private final ConcurrentSkipListMap<String, ViewValue> entries = new ConcurrentSkipListMap<>();
    /** The same entries, by key. Written only by the view's one builder thread, after {@link #entries}. */
    private final ConcurrentHashMap<String, ViewValue> byKey = new ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<String, String> keyIndex = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Cursor asOf;

    LocalViewStore(String stream) {
        this.asOf = Cursor.beginning(stream);
    }

    @Override
    public void apply(Map<String, ViewValue> changes, Cursor asOf) {
        changes.forEach((key, value) -> {
            if (value == null) {
                entries.remove(key);
                byKey.remove(key);
            } else {
                entries.put(key, value);
                byKey.put(key, value);
            }
        });
        this.asOf = asOf;
    }

    @Override
    public ViewValue get(String key) {
        return byKey.get(key);
    }

    @Override
    public List<Map.Entry<String, ViewValue>> scan(String prefix, String after, int limit) {
        List<Map.Entry<String, ViewValue>> page = new ArrayList<>(Math.min(limit, 1_000));
        String from = after != null && after.compareTo(prefix) >= 0 ? after : prefix;
        boolean inclusive = after == null || after.compareTo(prefix) < 0;
        for (Map.Entry<String, ViewValue> entry : entries.tailMap(from, inclusive).entrySet()) {
            if (!entry.getKey().startsWith(prefix) || page.size() == limit) {
                break;
            }
            page.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return page;
    }

    @Override
    public long size() {
        return entries.size();
    }

    @Override
    public Cursor asOf() {
        return asOf;
    }

    @Override
    public java.util.concurrent.ConcurrentMap<String, String> keyIndex() {
        return keyIndex;
    }
}
