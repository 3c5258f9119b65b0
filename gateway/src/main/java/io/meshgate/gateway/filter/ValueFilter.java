package io.meshgate.gateway.filter;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;

/**
 * The filter language on JSON values that subscriptions and views share: {@code where} conditions joined by
 * {@code and} (see {@link WhereParser}) and a {@code fields} projection of dotted paths. Parsed once, up front, so
 * a mistake is reported with where it is before anything runs.
 */
public record ValueFilter(List<FieldCondition> where, List<List<String>> fields) {

    public static final ValueFilter ALL = new ValueFilter(List.of(), List.of());

    public ValueFilter {
        where = List.copyOf(where);
        fields = List.copyOf(fields);
    }

    /** {@code where} like {@code tier == "PLATINUM" and amount > 100}; {@code fields} like {@code orderId,customer.tier}. */
    public static ValueFilter parse(String where, String fields) {
        return parse(where, fields == null || fields.isBlank() ? List.of() : Arrays.asList(fields.split(",")));
    }

    public static ValueFilter parse(String where, List<String> fields) {
        List<FieldCondition> conditions = where == null || where.isBlank() ? List.of() : WhereParser.parse(where);
        List<List<String>> projection = fields.stream().map(String::trim).map(field -> {
            if (!field.matches("[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*")) {
                throw new FilterException("fields: '" + field + "' is not a field name or dotted path like customer.tier");
            }
            return List.of(field.split("\\."));
        }).toList();
        return new ValueFilter(conditions, projection);
    }

    /** Whether there are conditions at all (without, every value matches). */
    public boolean hasConditions() {
        return !where.isEmpty();
    }

    /** Whether a JSON value (a JsonObject, another JSON type, or null) meets every condition. */
    public boolean matches(Object jsonValue) {
        return where.stream().allMatch(condition -> condition.matches(jsonValue));
    }

    /** Whether the value is cut down to some fields. */
    public boolean projects() {
        return !fields.isEmpty();
    }

    /** The value with only the projected fields, or unchanged when there is no projection or it is not an object. */
    public Object project(Object value) {
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
