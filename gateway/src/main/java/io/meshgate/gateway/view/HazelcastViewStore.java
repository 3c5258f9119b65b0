package io.meshgate.gateway.view;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.meshgate.replication.position.Cursor;
import io.meshgate.replication.position.CursorCodec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentMap;

/**
 * A view shared by a region's gateway instances: entries, positions and key index in Hazelcast maps (partitioned
 * across the instances, each partition with a backup on another instance), so any instance answers and losing one
 * loses nothing. Written by the one instance that builds the view.
 */
final class HazelcastViewStore implements ViewStore {

    /** Per view: the cursor token of the positions the view reflects. */
    static final String POSITIONS_MAP = "meshgate.view-positions";

    private final String view;
    private final String stream;
    private final IMap<String, ViewValue> entries;
    private final IMap<String, String> positions;
    private final IMap<String, String> keyIndex;

    HazelcastViewStore(HazelcastInstance hazelcast, String view, String stream) {
        this.view = view;
        this.stream = stream;
        this.entries = hazelcast.getMap("meshgate.view." + view);
        this.positions = hazelcast.getMap(POSITIONS_MAP);
        this.keyIndex = hazelcast.getMap("meshgate.view-index." + view);
    }

    @Override
    public void apply(Map<String, ViewValue> changes, Cursor asOf) {
        Map<String, ViewValue> puts = new java.util.HashMap<>();
        Set<String> deletes = new HashSet<>();
        changes.forEach((key, value) -> {
            if (value == null) {
                deletes.add(key);
            } else {
                puts.put(key, value);
            }
        });
        if (!puts.isEmpty()) {
            entries.putAll(puts);
        }
        deletes.forEach(entries::delete);
        // After the entries: the positions never claim more than the entries hold.
        positions.set(view, asOf.token());
    }

    @Override
    public ViewValue get(String key) {
        return entries.get(key);
    }

    @Override
    public List<Map.Entry<String, ViewValue>> scan(String prefix, String after, int limit) {
        // A range on the key, evaluated by each member on its partitions; only the page is fetched.
        var range = Predicates.<String, ViewValue>and(
                after != null && after.compareTo(prefix) >= 0 ? Predicates.greaterThan("__key", after)
                        : Predicates.greaterEqual("__key", prefix),
                Predicates.lessThan("__key", prefix + Character.MAX_VALUE));
        TreeSet<String> keys = new TreeSet<>(entries.keySet(range));
        List<String> page = new ArrayList<>(limit);
        for (String key : keys) {
            if (page.size() == limit) {
                break;
            }
            page.add(key);
        }
        Map<String, ViewValue> values = entries.getAll(new HashSet<>(page));
        List<Map.Entry<String, ViewValue>> result = new ArrayList<>(page.size());
        for (String key : page) {
            ViewValue value = values.get(key);
            if (value != null) {
                result.add(Map.entry(key, value));
            }
        }
        return result;
    }

    @Override
    public long size() {
        return entries.size();
    }

    @Override
    public Cursor asOf() {
        String token = positions.get(view);
        return token == null ? Cursor.beginning(stream) : CursorCodec.decode(token, stream);
    }

    @Override
    public ConcurrentMap<String, String> keyIndex() {
        return keyIndex;
    }
}
