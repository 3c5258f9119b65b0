package io.meshgate.gateway.filter;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Objects;

/**
 * One comparison on a JSON field of the record value, such as {@code tier == "PLATINUM"} or {@code amount > 100}.
 * A missing field, or a value that is not a JSON object, never matches (except with {@code !=}).
 */
public record FieldCondition(List<String> path, String operator, Object literal) {

    static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "<", ">");

    public boolean matches(Object value) {
        Object field = value;
        for (String step : path) {
            if (!(field instanceof JsonObject object)) {
                return operator.equals("!=");
            }
            field = object.getValue(step);
        }
        return switch (operator) {
            case "==" -> equal(field, literal);
            case "!=" -> !equal(field, literal);
            default -> field instanceof Number number && literal instanceof Number bound
                    && compare(number.doubleValue(), bound.doubleValue());
        };
    }

    private boolean compare(double field, double bound) {
        return switch (operator) {
            case "<" -> field < bound;
            case "<=" -> field <= bound;
            case ">" -> field > bound;
            default -> field >= bound;
        };
    }

    private static boolean equal(Object field, Object literal) {
        if (field instanceof Number a && literal instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(field, literal);
    }
}
