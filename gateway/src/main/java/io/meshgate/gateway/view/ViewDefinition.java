package io.meshgate.gateway.view;

import io.meshgate.config.JsonPointers;
import io.meshgate.config.ViewConfig;
import io.meshgate.gateway.filter.FilterException;
import io.meshgate.gateway.filter.ValueFilter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;

/**
 * A view's config made ready to run: how to take a key from a record, and the filter and projection on its
 * (enriched) value, parsed once so that a mistake is reported when the gateway starts, naming the view.
 */
record ViewDefinition(ViewConfig config, String[] keyPointer, ValueFilter filter, String[] enrichOn) {

    static ViewDefinition of(ViewConfig config) {
        ValueFilter filter;
        try {
            filter = ValueFilter.parse(config.where(), config.fields());
        } catch (FilterException e) {
            throw new IllegalArgumentException("view '" + config.name() + "': where/fields: " + e.getMessage(), e);
        }
        return new ViewDefinition(config, config.keyedByRecordKey() ? null : JsonPointers.tokens(config.key()), filter,
                config.enrich() == null ? null : JsonPointers.tokens(config.enrich().on()));
    }

    String name() {
        return config.name();
    }

    /** The filter can run while building (on the record's own value) only when there is no join to wait for. */
    boolean filtersWhileBuilding() {
        return config.enrich() == null && filter.hasConditions();
    }

    /**
     * Whether a stored JSON value is the answer as it is: no join to add, no fields to cut, and the filter (if any)
     * already applied while building.
     */
    boolean passesValuesThrough() {
        return config.enrich() == null && !filter.projects();
    }

    /** The view key of a record: its Kafka key as text, or the field the pointer names; null when there is none. */
    String keyOf(byte[] recordKey, Object jsonValue) {
        if (keyPointer == null) {
            return recordKey == null ? null : new String(recordKey, StandardCharsets.UTF_8);
        }
        return scalarText(at(jsonValue, keyPointer));
    }

    /** The key to look up in the enriching view, from this view's value; null when the value does not have it. */
    String enrichKey(Object jsonValue) {
        return scalarText(at(jsonValue, enrichOn));
    }

    static Object at(Object json, String[] pointer) {
        Object node = json;
        for (String token : pointer) {
            if (node instanceof JsonObject object) {
                node = object.getValue(token);
            } else if (node instanceof JsonArray array && token.matches("0|[1-9][0-9]{0,8}")
                    && Integer.parseInt(token) < array.size()) {
                node = array.getValue(Integer.parseInt(token));
            } else {
                return null;
            }
        }
        return node;
    }

    private static String scalarText(Object node) {
        return node instanceof String || node instanceof Number || node instanceof Boolean ? String.valueOf(node) : null;
    }
}
