package io.meshgate.gateway.subscribe;

import io.meshgate.gateway.filter.JsonValues;
import io.meshgate.replication.subscribe.StreamEvent;
import io.vertx.core.json.JsonObject;

import java.util.Base64;

/**
 * An event frame: {@code value} as JSON when the record value is JSON, otherwise base64 with
 * {@code "encoding":"base64"}; keys and header values as text when they are UTF-8, otherwise base64 (flagged).
 */
final class EventJson {

    private EventJson() {
    }

    static JsonObject of(StreamEvent event) {
        return of(event, EventFilter.ALL);
    }

    static JsonObject of(StreamEvent event, EventFilter filter) {
        JsonObject json = new JsonObject()
                .put("type", "event")
                .put("stream", event.stream())
                .put("origin", event.origin())
                .put("partition", event.partition())
                .put("offset", event.offset())
                .put("timestamp", event.timestamp());
        String key = text(event.key());
        if (event.key() != null && key == null) {
            json.put("key", Base64.getEncoder().encodeToString(event.key())).put("keyEncoding", "base64");
        } else {
            json.put("key", key);
        }
        Object value = jsonValue(event.value());
        if (value == NOT_JSON) {
            json.put("value", Base64.getEncoder().encodeToString(event.value())).put("encoding", "base64");
        } else {
            json.put("value", filter.project(value));
        }
        JsonObject headers = new JsonObject();
        event.headers().forEach(header -> {
            String text = text(header.value());
            headers.put(header.key(), text != null || header.value() == null ? text
                    : "base64:" + Base64.getEncoder().encodeToString(header.value()));
        });
        return json.put("headers", headers).put("cursor", event.cursor());
    }

    static final Object NOT_JSON = JsonValues.NOT_JSON;

    /** The value parsed as JSON, null for a tombstone, or {@link #NOT_JSON}. */
    static Object jsonValue(byte[] value) {
        return JsonValues.parse(value);
    }

    private static String text(byte[] bytes) {
        return JsonValues.text(bytes);
    }
}
