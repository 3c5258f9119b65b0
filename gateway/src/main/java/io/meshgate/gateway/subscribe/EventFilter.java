package io.meshgate.gateway.subscribe;

import io.meshgate.replication.subscribe.StreamEvent;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a subscriber wants of a stream, from its subscribe URL: {@code key=<key>}, {@code header.<name>=<value>},
 * {@code where=<conditions>} on JSON value fields joined by {@code and} (see {@link WhereParser}), and
 * {@code fields=a,b.c} to project the value. Checked when the subscription opens, so a mistake is reported then,
 * with where it is; applied by the reader, so filtered-out records cost no credit (the cursor still moves past them).
 */
record EventFilter(String key, Map<String, String> headers, List<FieldCondition> where, List<List<String>> fields)
        implements Predicate<StreamEvent> {

    static final EventFilter ALL = new EventFilter(null, Map.of(), List.of(), List.of());

    static EventFilter parse(String key, Map<String, String> headers, String where, String fields) {
        List<FieldCondition> conditions = where == null || where.isBlank() ? List.of() : WhereParser.parse(where);
        List<List<String>> projection = fields == null || fields.isBlank() ? List.of()
                : Arrays.stream(fields.split(",")).map(String::trim).map(field -> {
                    if (!field.matches("[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*")) {
                        throw new FilterException("fields: '" + field + "' is not a field name or dotted path like customer.tier");
                    }
                    return List.of(field.split("\\."));
                }).toList();
        return new EventFilter(key, Map.copyOf(headers), conditions, projection);
    }

    @Override
    public boolean test(StreamEvent event) {
        if (key != null && (event.key() == null || !key.equals(new String(event.key(), StandardCharsets.UTF_8)))) {
            return false;
        }
        for (Map.Entry<String, String> wanted : headers.entrySet()) {
            boolean found = event.headers().stream().anyMatch(header -> header.key().equals(wanted.getKey())
                    && header.value() != null && wanted.getValue().equals(new String(header.value(), StandardCharsets.UTF_8)));
            if (!found) {
                return false;
            }
        }
        if (where.isEmpty()) {
            return true;
        }
        Object value = EventJson.jsonValue(event.value());
        return where.stream().allMatch(condition -> condition.matches(value));
    }

    /** Whether the value is cut down to some fields (then every subscriber's frame is its own). */
    boolean projects() {
        return !fields.isEmpty();
    }

    /** The value with only the projected fields, or unchanged when there is no projection or it is not an object. */
    Object project(Object value) {
        if (fields.isEmpty() || !(value instanceof JsonObject object)) {
            return value;
        }
        JsonObject projected = new JsonObject();
        for (List<String> path : fields) {
            Object field = object;
            for (String step : path) {
                field = field instanceof JsonObject json ? json.getValue(step) : null;
            }
            if (field != null) {
                projected.put(String.join(".", path), field);
            }
        }
        return projected;
    }
}
