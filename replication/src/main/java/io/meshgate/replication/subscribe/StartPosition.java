package io.meshgate.replication.subscribe;

import io.meshgate.replication.position.Cursor;
import io.meshgate.replication.position.CursorCodec;
import io.meshgate.replication.position.CursorException;

/**
 * Where a subscription starts: {@code earliest} (the start of history), {@code latest} (only what comes next),
 * {@code ts:<epoch-ms>} (the first records at or after a time) or a cursor token (right after the last event a
 * client received, in any region).
 */
public sealed interface StartPosition {

    record Earliest() implements StartPosition {
    }

    record Latest() implements StartPosition {
    }

    record AtTime(long epochMillis) implements StartPosition {
    }

    record AtCursor(Cursor cursor) implements StartPosition {
    }

    /** Reads a {@code from} value for {@code stream}; a bad one is a {@link CursorException} saying what to send instead. */
    static StartPosition parse(String from, String stream) {
        if (from == null || from.isBlank() || from.equals("latest")) {
            return new Latest();
        }
        if (from.equals("earliest")) {
            return new Earliest();
        }
        if (from.startsWith("ts:")) {
            try {
                long millis = Long.parseLong(from.substring(3));
                if (millis < 0) {
                    throw new NumberFormatException();
                }
                return new AtTime(millis);
            } catch (NumberFormatException e) {
                throw new CursorException("subscribe.from.invalid", "'" + from + "' is not a time: write ts:<milliseconds"
                        + " since 1970>, like ts:1767225600000");
            }
        }
        if (!from.matches("c[0-9]+\\..*")) {
            throw new CursorException("subscribe.from.invalid", "'" + abbreviate(from) + "' is not a start: use earliest,"
                    + " latest, ts:<epoch-ms> or the cursor of an event (it starts with c1.)");
        }
        return new AtCursor(CursorCodec.decode(from, stream));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
