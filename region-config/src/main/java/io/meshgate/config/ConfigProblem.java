package io.meshgate.config;

import java.util.Objects;

/**
 * One thing wrong with a mesh configuration: where it is and how to fix it.
 *
 * <p>{@code line} and {@code column} are 1-based; 0 means "unknown", which is the case for problems
 * raised while constructing records in code rather than loading a file. {@code field} is the
 * absolute path of the offending setting, such as {@code streams.orders.origins[0]}, or empty when
 * the problem concerns the whole document (a YAML syntax error, an empty file).
 *
 * @param source  the file or source name the problem was found in, or empty when built in code
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param field   the absolute field path, or empty for document-level problems
 * @param message what is wrong, naming the entity, and how to fix it
 */
public record ConfigProblem(String source, int line, int column, String field, String message) {

    public ConfigProblem {
        source = source == null ? "" : source;
        field = field == null ? "" : field;
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0, got " + line + ":" + column);
        }
    }

    /** A problem found in code, with no file location yet. */
    public static ConfigProblem of(String field, String message) {
        return new ConfigProblem("", 0, 0, field, message);
    }

    /** This problem placed at a location in a source. */
    public ConfigProblem at(String source, int line, int column) {
        return new ConfigProblem(source, line, column, field, message);
    }

    /** Whether this problem knows the line it is on. */
    public boolean isLocated() {
        return line > 0;
    }

    /**
     * The problem as one line in the compiler-like form {@code file:line:col: field: message}; parts
     * that are unknown are left out rather than printed as placeholders.
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        if (!source.isEmpty()) {
            out.append(source);
            if (isLocated()) {
                out.append(':').append(line).append(':').append(column);
            }
            out.append(": ");
        }
        if (!field.isEmpty()) {
            out.append(field).append(": ");
        }
        return out.append(message).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
