package io.meshgate.gateway.subscribe;

import io.meshgate.gateway.filter.FilterException;
import io.meshgate.replication.position.CursorException;
import io.meshgate.replication.subscribe.StartPosition;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a subscriber asks for: where to start, how much credit to begin with, and which events. From the subscribe
 * URL's query parameters, or from a first message {@code {"type":"subscribe","from":..,"credit":..,"key":..,
 * "headers":{..},"where":..,"fields":..}} when the URL has no {@code from}. Mistakes are reported with what to send
 * instead: a {@link CursorException} (start, credit) or a {@link FilterException} (filters).
 */
record SubscriptionRequest(StartPosition start, long credit, EventFilter filter) {

    static final long MAX_CREDIT = 1_000_000;
    private static final Set<String> MESSAGE_KEYS = Set.of("type", "from", "credit", "key", "headers", "where", "fields");

    static SubscriptionRequest fromParams(MultiMap params, String stream) {
        Map<String, String> headers = new HashMap<>();
        params.names().stream().filter(name -> name.startsWith("header.")).forEach(name -> {
            if (name.length() == "header.".length()) {
                throw new FilterException("header filter needs a name: header.<name>=<value>");
            }
            headers.put(name.substring("header.".length()), params.get(name));
        });
        return new SubscriptionRequest(StartPosition.parse(params.get("from"), stream), credit(params.get("credit")),
                EventFilter.parse(params.get("key"), headers, params.get("where"), params.get("fields")));
    }

    static SubscriptionRequest fromMessage(JsonObject message, String stream) {
        for (String key : message.fieldNames()) {
            if (!MESSAGE_KEYS.contains(key)) {
                throw new CursorException("subscription.message.invalid", "unknown field '" + key + "' in the subscribe"
                        + " message; it may hold: from, credit, key, headers, where, fields");
            }
        }
        Map<String, String> headers = new HashMap<>();
        Object headerFilter = message.getValue("headers");
        if (headerFilter != null) {
            if (!(headerFilter instanceof JsonObject object)) {
                throw new FilterException("headers must be an object of header name to value, like {\"source\":\"web\"}");
            }
            object.forEach(entry -> {
                if (!(entry.getValue() instanceof String value)) {
                    throw new FilterException("headers: the value for '" + entry.getKey() + "' must be a string");
                }
                headers.put(entry.getKey(), value);
            });
        }
        Object credit = message.getValue("credit");
        return new SubscriptionRequest(StartPosition.parse(text(message, "from", CursorException.class), stream),
                credit == null ? 0 : credit(String.valueOf(credit)),
                EventFilter.parse(text(message, "key", FilterException.class), headers,
                        text(message, "where", FilterException.class), text(message, "fields", FilterException.class)));
    }

    private static String text(JsonObject message, String field, Class<? extends RuntimeException> kind) {
        Object value = message.getValue(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        String problem = field + " must be a string, got " + value;
        throw kind == FilterException.class ? new FilterException(problem)
                : new CursorException("subscribe.from.invalid", problem + "; send earliest, latest, ts:<epoch-ms> or a cursor");
    }

    static long credit(String credit) {
        if (credit == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(credit);
            if (n >= 0 && n <= MAX_CREDIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CursorException("subscribe.credit.invalid", "credit must be a whole number from 0 to " + MAX_CREDIT
                + ", got '" + credit + "'");
    }
}
