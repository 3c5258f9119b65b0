package io.meshgate.client;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A frame a gateway sends on a subscription, read from its JSON text. */
sealed interface ServerFrame {

    /** The subscription is open; {@code cursor} is where it stands before any event. */
    record Subscribed(String stream, String cursor) implements ServerFrame {
    }

    record Event(SubscriberEvent event) implements ServerFrame {
    }

    /** Sent every few seconds: the gateway's position and, per origin, how many records it holds beyond it. */
    record Heartbeat(String cursor, Map<String, Long> recordsBehind) implements ServerFrame {
    }

    /**
     * Records the subscription should have delivered are gone at this gateway; it reads on past them. {@code cursor}
     * is the gateway's position after the gap, which this client does not resume from (see {@link SubscriberGap}).
     */
    record Gap(SubscriberGap gap, String cursor) implements ServerFrame {
    }

    /** The gateway refuses or ends the subscription; a close code follows. */
    record Error(String code, String message) implements ServerFrame {
    }

    /** A frame type this client does not know: ignored, so newer gateways can add frames. */
    record Unknown(String type) implements ServerFrame {
    }

    /** Thrown for text that is not a frame of the subscription protocol. */
    final class MalformedFrameException extends RuntimeException {
        MalformedFrameException(String message) {
            super(message);
        }
    }

    static ServerFrame parse(String text) {
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedFrameException("not a JSON object: " + abbreviate(text));
        }
        try {
            String type = json.getString("type");
            if (type == null) {
                throw new MalformedFrameException("frame without a type: " + abbreviate(text));
            }
            return switch (type) {
                case "subscribed" -> new Subscribed(json.getString("stream"), required(json, "cursor", text));
                case "event" -> new Event(event(json, text));
                case "gap" -> gap(json, text);
                case "heartbeat" -> new Heartbeat(required(json, "cursor", text), behind(json.getJsonObject("behind")));
                case "error" -> new Error(required(json, "code", text), String.valueOf(json.getString("message")));
                default -> new Unknown(type);
            };
        } catch (ClassCastException | IllegalArgumentException e) {
            // A field of the wrong JSON type, or base64 that does not decode.
            throw new MalformedFrameException("frame with a malformed field (" + e.getMessage() + "): " + abbreviate(text));
        }
    }

    private static SubscriberEvent event(JsonObject json, String text) {
        String stream = required(json, "stream", text);
        String origin = required(json, "origin", text);
        Integer partition = json.getInteger("partition");
        Long offset = json.getLong("offset");
        if (partition == null || offset == null) {
            throw new MalformedFrameException("event without partition or offset: " + abbreviate(text));
        }
        Long timestamp = json.getLong("timestamp");
        String key = json.getString("key");
        byte[] keyBytes = null;
        if (key != null && "base64".equals(json.getString("keyEncoding"))) {
            keyBytes = Base64.getDecoder().decode(key);
            key = null;
        }
        Object value = json.getValue("value");
        byte[] bytes = null;
        if ("base64".equals(json.getString("encoding"))) {
            bytes = Base64.getDecoder().decode((String) value);
            value = null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonObject headerJson = json.getJsonObject("headers");
        if (headerJson != null) {
            headerJson.forEach(header -> headers.put(header.getKey(), (String) header.getValue()));
        }
        return new SubscriberEvent(stream, origin, partition, offset, timestamp == null ? -1 : timestamp, key, keyBytes,
                value, bytes, Collections.unmodifiableMap(headers), required(json, "cursor", text));
    }

    private static Gap gap(JsonObject json, String text) {
        String stream = required(json, "stream", text);
        String origin = required(json, "origin", text);
        Integer partition = json.getInteger("partition");
        Long from = json.getLong("fromOffset");
        Long to = json.getLong("toOffset");
        Long records = json.getLong("records");
        if (partition == null || from == null || to == null || records == null) {
            throw new MalformedFrameException("gap without partition, fromOffset, toOffset or records: " + abbreviate(text));
        }
        if (partition < 0 || from < 0 || to <= from || records < 0 || records > to - from) {
            throw new MalformedFrameException("gap with an impossible range (partition " + partition + ", offsets " + from
                    + " to " + to + ", " + records + " records): " + abbreviate(text));
        }
        // The reason is words for people: a gateway that leaves it out still sends a usable gap.
        String reason = json.getString("reason");
        return new Gap(new SubscriberGap(stream, origin, partition, from, to, records, reason == null ? "" : reason),
                required(json, "cursor", text));
    }

    private static Map<String, Long> behind(JsonObject behind) {
        Map<String, Long> records = new LinkedHashMap<>();
        if (behind != null) {
            behind.forEach(origin -> {
                Object entry = origin.getValue();
                if (entry instanceof JsonObject byOrigin && byOrigin.getLong("records") != null) {
                    records.put(origin.getKey(), byOrigin.getLong("records"));
                }
            });
        }
        return Collections.unmodifiableMap(records);
    }

    private static String required(JsonObject json, String field, String text) {
        String value = json.getString(field);
        if (value == null || value.isEmpty()) {
            throw new MalformedFrameException(json.getString("type") + " frame without '" + field + "': " + abbreviate(text));
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
