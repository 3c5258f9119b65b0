package io.meshgate.gateway.view;

import io.meshgate.config.ViewConfig;
import io.meshgate.replication.position.Cursor;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a view the way its config says: the stored value, joined with its enrichment at read time (so a change on
 * the table side shows in the next answer), checked against {@code where} and projected to {@code fields}; keys one
 * at a time or a page in key order. Every answer carries the positions it reflects and how stale it is.
 */
final class ViewReader {

    /** A scan looks at no more than this many entries per entry it returns (filters may drop many). */
    private static final int SCAN_EFFORT = 20;

    private final String region;
    private final Function<String, ViewRuntime> views;

    ViewReader(String region, Function<String, ViewRuntime> views) {
        this.region = region;
        this.views = views;
    }

    /** The key as this region's copy of the view has it, enriched, filtered and projected as the view says. */
    ViewAnswer lookup(ViewRuntime runtime, String key) {
        String view = runtime.definition.name();
        // asOf and staleness first: the value read after them is at least that fresh.
        Cursor asOf = runtime.store.asOf();
        String asOfText = runtime.asOfText(asOf);
        Long staleness = runtime.stalenessMs(System.currentTimeMillis());
        ViewValue stored = runtime.store.get(key);
        if (stored == null) {
            return new ViewAnswer(view, key, false, null, false, region, asOf, asOfText, staleness, "no such key in the view");
        }
        if (!stored.base64() && runtime.definition.passesValuesThrough()) {
            return new ViewAnswer(view, key, true, new RawJson(stored.text()), false, region, asOf, asOfText, staleness, null);
        }
        Shaped shaped = shape(runtime, stored);
        return shaped == null
                ? new ViewAnswer(view, key, false, null, false, region, asOf, asOfText, staleness,
                        "the key's value does not match the view's where")
                : new ViewAnswer(view, key, true, shaped.value(), stored.base64(), region, asOf, asOfText, staleness, null);
    }

    /** A page of keys in order, starting with {@code prefix}, after {@code after}; {@code next} is where the following page starts. */
    JsonObject scan(ViewRuntime runtime, String prefix, String after, int limit) {
        String view = runtime.definition.name();
        Cursor asOf = runtime.store.asOf();
        Long staleness = runtime.stalenessMs(System.currentTimeMillis());
        JsonArray entries = new JsonArray();
        String last = after;
        boolean more = true;
        int budget = limit * SCAN_EFFORT;
        while (entries.size() < limit && budget > 0 && more) {
            int want = Math.min(budget, 500);
            List<Map.Entry<String, ViewValue>> page = runtime.store.scan(prefix, last, want);
            more = page.size() == want;
            budget -= page.size();
            for (Map.Entry<String, ViewValue> entry : page) {
                last = entry.getKey();
                Shaped shaped = shape(runtime, entry.getValue());
                if (shaped != null) {
                    JsonObject item = new JsonObject().put("key", entry.getKey()).put("value", shaped.value());
                    if (entry.getValue().base64()) {
                        item.put("encoding", "base64");
                    }
                    entries.add(item);
                    if (entries.size() == limit) {
                        more = true;  // perhaps: the next page says
                        break;
                    }
                }
            }
        }
        return new JsonObject().put("view", view).put("region", region).put("prefix", prefix).put("entries", entries)
                .put("next", more ? last : null).put("asOf", ViewAnswer.asOfJson(asOf)).put("stalenessMs", staleness)
                .put("source", "local");
    }

    private record Shaped(Object value) {
    }

    /** The stored value, joined with its enrichment, checked against the view's filter and projected; null if filtered out. */
    private Shaped shape(ViewRuntime runtime, ViewValue stored) {
        if (stored.base64()) {
            return runtime.definition.filter().hasConditions() ? null : new Shaped(stored.text());
        }
        Object json = Json.decodeValue(stored.text());
        ViewDefinition definition = runtime.definition;
        if (definition.config().enrich() != null) {
            ViewConfig.Enrichment enrich = definition.config().enrich();
            ViewRuntime table = views.apply(enrich.view());
            String tableKey = definition.enrichKey(json);
            ViewValue joined = table == null || tableKey == null ? null : table.store.get(tableKey);
            if (json instanceof JsonObject object) {
                json = object.copy().put(enrich.as(), joined == null || joined.base64() ? null : Json.decodeValue(joined.text()));
            }
            if (definition.filter().hasConditions() && !definition.filter().matches(json)) {
                return null;
            }
        }
        return new Shaped(definition.filter().project(json));
    }

}
