package io.meshgate.client;

import org.slf4j.Logger;

/**
 * The client's operational events, in the same one-line form as the gateway's: a stable dotted id, then
 * {@code key=value} fields, values quoted when they hold spaces, quotes or '='. The client cannot use the gateway's
 * observability module (it would drag OpenTelemetry into every application), hence this small copy of the format.
 */
final class ClientEvents {

    private ClientEvents() {
    }

    static void info(Logger log, String eventId, Object... keyValues) {
        if (log.isInfoEnabled()) {
            log.info(format(eventId, keyValues));
        }
    }

    static void warn(Logger log, String eventId, Object... keyValues) {
        if (log.isWarnEnabled()) {
            log.warn(format(eventId, keyValues));
        }
    }

    static String format(String eventId, Object... keyValues) {
        StringBuilder line = new StringBuilder(eventId);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=');
            String value = String.valueOf(keyValues[i + 1]);
            if (value.isEmpty() || value.chars().anyMatch(c -> c == '"' || c == '=' || Character.isWhitespace(c)
                    || Character.isISOControl(c))) {
                line.append('"');
                value.chars().forEach(c -> {
                    switch (c) {
                        case '"' -> line.append("\\\"");
                        case '\\' -> line.append("\\\\");
                        case '\n' -> line.append("\\n");
                        case '\r' -> line.append("\\r");
                        case '\t' -> line.append("\\t");
                        default -> line.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c));
                    }
                });
                line.append('"');
            } else {
                line.append(value);
            }
        }
        return line.toString();
    }
}
