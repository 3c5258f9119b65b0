package io.meshgate.observability;

import org.slf4j.Logger;

/**
 * Operational events: state changes and errors logged as one line, a stable dotted event id followed by
 * {@code key=value} fields, so that logs can be searched and alerted on by id (design Habit 5):
 *
 * <pre>link.connect.failed peer=us-east url=ws://127.0.0.1:8082/v1/link cause="Connection refused"</pre>
 *
 * <p>Event ids are lowercase dotted segments ({@code [a-z][a-z0-9_]*}, at least two). Keys start with a letter
 * and hold only letters, digits, {@code _ . -}. Values are written with {@link String#valueOf(Object)}; a
 * value that is empty or contains whitespace, a control character, {@code "} or {@code =} is quoted, with
 * {@code \} and {@code "} escaped and control characters written as {@code \n}, {@code \t}, {@code \r} or
 * {@code \}{@code uXXXX}. A null value is written {@code null}.
 *
 * <p>Misuse (bad event id, bad key, odd number of key-value arguments) throws {@link IllegalArgumentException}
 * even when the level is disabled, so it shows up in tests rather than only once someone turns logging up.
 * Formatting itself, including every value's {@code toString()}, happens only when the level is enabled.
 */
public final class Events {

    private Events() {
    }

    public static void info(Logger log, String eventId, Object... keyValues) {
        validate(eventId, keyValues);
        if (log.isInfoEnabled()) {
            log.info(formatValidated(eventId, keyValues));
        }
    }

    public static void warn(Logger log, String eventId, Object... keyValues) {
        validate(eventId, keyValues);
        if (log.isWarnEnabled()) {
            log.warn(formatValidated(eventId, keyValues));
        }
    }

    public static void error(Logger log, String eventId, Object... keyValues) {
        validate(eventId, keyValues);
        if (log.isErrorEnabled()) {
            log.error(formatValidated(eventId, keyValues));
        }
    }

    /** Logs the event with {@code cause}'s stack trace after the line. */
    public static void error(Logger log, String eventId, Throwable cause, Object... keyValues) {
        validate(eventId, keyValues);
        if (log.isErrorEnabled()) {
            log.error(formatValidated(eventId, keyValues), cause);
        }
    }

    /** The event line, as the logging methods write it. */
    public static String format(String eventId, Object... keyValues) {
        validate(eventId, keyValues);
        return formatValidated(eventId, keyValues);
    }

    private static String formatValidated(String eventId, Object[] keyValues) {
        StringBuilder line = new StringBuilder(eventId.length() + 24 * keyValues.length);
        line.append(eventId);
        for (int i = 0; i < keyValues.length; i += 2) {
            line.append(' ').append((String) keyValues[i]).append('=');
            appendValue(line, String.valueOf(keyValues[i + 1]));
        }
        return line.toString();
    }

    private static void appendValue(StringBuilder line, String value) {
        if (!needsQuotes(value)) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true; // key= would read as a missing value
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '=' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    private static void validate(String eventId, Object[] keyValues) {
        if (!isEventId(eventId)) {
            throw new IllegalArgumentException("event id must be lowercase dotted segments like "
                    + "'link.connect.failed', got '" + eventId + "'");
        }
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("event " + eventId + ": key-values must come in pairs, got "
                    + keyValues.length + " arguments");
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!(keyValues[i] instanceof String key) || !isKey(key)) {
                throw new IllegalArgumentException("event " + eventId + ": argument " + i + " must be a key "
                        + "(a letter, then letters, digits, '_', '.', '-'), got '" + keyValues[i] + "'");
            }
        }
    }

    // Hand-written rather than a regex: this runs on every event, enabled or not.
    private static boolean isEventId(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        int segments = 1;
        boolean segmentStart = true;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (segmentStart) {
                if (c < 'a' || c > 'z') {
                    return false;
                }
                segmentStart = false;
            } else if (c == '.') {
                segments++;
                segmentStart = true;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return !segmentStart && segments >= 2;
    }

    private static boolean isKey(String key) {
        if (key.isEmpty() || !isAsciiLetter(key.charAt(0))) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
