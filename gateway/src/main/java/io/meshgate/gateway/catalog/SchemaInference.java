package io.meshgate.gateway.catalog;

import io.meshgate.gateway.subscribe.EventFrames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers a JSON-Schema-like shape from record values: for every field path the JSON types seen and how often the
 * field is present, nested objects as nested {@code properties}, arrays with the shape of their {@code items}.
 * Values that are not JSON are counted, not guessed at; tombstones (null values) are counted apart, since they
 * delete a key rather than carry a value. Pure: no I/O, no clock.
 */
public final class SchemaInference {

    // A stream whose values are maps keyed by ids would otherwise grow one property per id seen.
    static final int MAX_PROPERTIES = 100;
    static final int MAX_DEPTH = 10;
    private static final List<String> TYPE_ORDER = List.of("object", "array", "string", "integer", "number", "boolean", "null");

    /** The schema, or null when no value was JSON; then {@code reason} says why. */
    public record Inferred(JsonObject schema, String reason) {
    }

    private SchemaInference() {
    }

    public static Inferred infer(List<byte[]> values) {
        Shape root = new Shape();
        int nonJson = 0;
        int tombstones = 0;
        for (byte[] value : values) {
            Object json = EventFrames.jsonValue(value);
            if (value == null) {
                tombstones++;
            } else if (json == EventFrames.NOT_JSON) {
                nonJson++;
            } else {
                root.add(json, 0);
            }
        }
        if (root.seen == 0) {
            return new Inferred(null, values.isEmpty() ? "no records to infer a schema from"
                    : "none of the " + values.size() + " records read is a JSON value (" + nonJson + " not JSON, "
                    + tombstones + " tombstones); samples show such values in base64");
        }
        JsonObject schema = root.toJson()
                .put("sampledRecords", values.size())
                .put("jsonRecords", root.seen)
                .put("nonJsonRecords", nonJson)
                .put("tombstones", tombstones);
        return new Inferred(schema, null);
    }

    /** What was seen at one field path: how often, with which types, and below it. */
    private static final class Shape {
        private int seen;
        private final Map<String, Integer> types = new LinkedHashMap<>();
        private int objects;
        private final Map<String, Shape> properties = new LinkedHashMap<>();
        private boolean propertiesCut;
        private Shape items;

        void add(Object value, int depth) {
            seen++;
            String type = typeOf(value);
            types.merge(type, 1, Integer::sum);
            if (depth >= MAX_DEPTH) {
                return;
            }
            if (value instanceof JsonObject object) {
                objects++;
                for (String field : object.fieldNames()) {
                    Shape property = properties.get(field);
                    if (property == null && properties.size() == MAX_PROPERTIES) {
                        propertiesCut = true;
                        continue;
                    }
                    properties.computeIfAbsent(field, f -> new Shape()).add(object.getValue(field), depth + 1);
                }
            } else if (value instanceof JsonArray array) {
                for (Object item : array) {
                    if (items == null) {
                        items = new Shape();
                    }
                    items.add(item, depth + 1);
                }
            }
        }

        JsonObject toJson() {
            JsonObject json = new JsonObject();
            List<String> seenTypes = new ArrayList<>(TYPE_ORDER.stream().filter(types::containsKey).toList());
            if (seenTypes.contains("integer") && seenTypes.contains("number")) {
                seenTypes.remove("integer");  // every integer is a number; say the wider one
            }
            json.put("type", seenTypes.size() == 1 ? seenTypes.get(0) : new JsonArray(seenTypes));
            if (objects > 0) {
                JsonObject props = new JsonObject();
                properties.forEach((field, shape) -> props.put(field, shape.toJson().put("presence", ratio(shape.seen, objects))));
                json.put("properties", props);
                if (propertiesCut) {
                    json.put("morePropertiesNotShown", true);
                }
            }
            if (items != null) {
                json.put("items", items.toJson());
            }
            return json;
        }
    }

    private static String typeOf(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof JsonObject) {
            return "object";
        } else if (value instanceof JsonArray) {
            return "array";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return "integer";
        } else if (value instanceof Number) {
            return "number";
        }
        return "string";  // Vert.x decodes JSON into the types above; anything else is text to a client
    }

    private static double ratio(int part, int whole) {
        return Math.round(1000.0 * part / whole) / 1000.0;
    }
}
