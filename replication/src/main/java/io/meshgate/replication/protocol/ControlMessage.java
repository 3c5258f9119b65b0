package io.meshgate.replication.protocol;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON control message of the link protocol, with accessors that turn a missing or mistyped field into a
 * {@link LinkProtocolException} naming the message type and field.
 */
public record ControlMessage(Type type, JsonObject body) {

    /** Control message types; the wire name is the lower-case enum name. */
    public enum Type {
        HELLO, WELCOME, DESCRIBE, DESCRIBED, SUBSCRIBE, UNSUBSCRIBE, HEARTBEAT, PROGRESS, GAP, ERROR;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String INVALID = "link.message.invalid";

    public static ControlMessage parse(String text) {
        JsonObject body;
        try {
            body = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new LinkProtocolException(INVALID, "control message is not a JSON object: " + abbreviate(text));
        }
        Object type = body.getValue("type");
        if (!(type instanceof String name)) {
            throw new LinkProtocolException(INVALID, "control message has no string 'type': " + abbreviate(text));
        }
        for (Type candidate : Type.values()) {
            if (candidate.wireName().equals(name)) {
                return new ControlMessage(candidate, body);
            }
        }
        throw new LinkProtocolException("link.message.unknown-type", "unknown control message type '" + name + "'");
    }

    public static JsonObject of(Type type) {
        return new JsonObject().put("type", type.wireName());
    }

    public String requireString(String field) {
        Object value = body.getValue(field);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw missing(field, "a non-empty string");
        }
        return text;
    }

    public long requireLong(String field) {
        Object value = body.getValue(field);
        if (!(value instanceof Number number)) {
            throw missing(field, "a number");
        }
        return number.longValue();
    }

    public JsonObject requireObject(String field) {
        Object value = body.getValue(field);
        if (!(value instanceof JsonObject object)) {
            throw missing(field, "an object");
        }
        return object;
    }

    /** Reads a {@code {"<partition>": <offset>}} object, as positions and heartbeats carry. */
    public static Map<Integer, Long> partitionOffsets(JsonObject object, String context) {
        Map<Integer, Long> offsets = new HashMap<>();
        for (Map.Entry<String, Object> entry : object) {
            int partition;
            try {
                partition = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                throw new LinkProtocolException(INVALID, context + ": partition '" + entry.getKey() + "' is not a number");
            }
            if (partition < 0 || !(entry.getValue() instanceof Number offset) || offset.longValue() < 0) {
                throw new LinkProtocolException(INVALID, context + ": partition " + entry.getKey()
                        + " needs a non-negative offset, got " + entry.getValue());
            }
            offsets.put(partition, offset.longValue());
        }
        return offsets;
    }

    public static JsonObject toJson(Map<Integer, Long> partitionOffsets) {
        JsonObject json = new JsonObject();
        partitionOffsets.forEach((partition, offset) -> json.put(Integer.toString(partition), offset));
        return json;
    }

    private LinkProtocolException missing(String field, String expected) {
        return new LinkProtocolException(INVALID, "'" + type.wireName() + "' message needs field '" + field
                + "' as " + expected + ", got " + body.getValue(field));
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
