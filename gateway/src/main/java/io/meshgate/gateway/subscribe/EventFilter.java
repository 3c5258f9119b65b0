package io.meshgate.gateway.subscribe;

import io.meshgate.gateway.filter.ValueFilter;
import io.meshgate.replication.subscribe.StreamEvent;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a subscriber wants of a stream, from its subscribe URL: {@code key=<key>}, {@code header.<name>=<value>},
 * {@code where=<conditions>} on JSON value fields joined by {@code and} (see {@link io.meshgate.gateway.filter.WhereParser}), and
 * {@code fields=a,b.c} to project the value. Checked when the subscription opens, so a mistake is reported then,
 * with where it is; applied by the reader, so filtered-out records cost no credit (the cursor still moves past them).
 */
record EventFilter(String key, Map<String, String> headers, ValueFilter value) implements Predicate<StreamEvent> {

    static final EventFilter ALL = new EventFilter(null, Map.of(), ValueFilter.ALL);

    static EventFilter parse(String key, Map<String, String> headers, String where, String fields) {
        return new EventFilter(key, Map.copyOf(headers), ValueFilter.parse(where, fields));
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
        return !value.hasConditions() || value.matches(EventJson.jsonValue(event.value()));
    }

    /** Whether the value is cut down to some fields (then every subscriber's frame is its own). */
    boolean projects() {
        return value.projects();
    }

    /** The value with only the projected fields, or unchanged when there is no projection or it is not an object. */
    Object project(Object json) {
        return value.project(json);
    }
}
