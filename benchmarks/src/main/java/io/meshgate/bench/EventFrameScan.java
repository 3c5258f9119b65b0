package io.meshgate.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reads the three numbers the benchmark needs from an {@code event} frame (partition, origin offset, send stamp)
 * by looking for their keys in the bytes, without tokenizing the rest of the frame (the value alone is hundreds
 * of base64 characters). On a two-core machine every cycle the clients spend is one the gateway does not get.
 *
 * <p>Relies on what the gateway writes: {@code "partition"} and {@code "offset"} are top-level fields that come
 * before the value, and the headers come after it, so the last occurrence of the stamp's key is the header's.
 */
final class EventFrameScan {

    private static final byte[] EVENT_PREFIX = "{\"type\":\"event\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PARTITION = "\"partition\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFSET = "\"offset\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STAMP = ("\"" + PacedProducer.SENT_NANOS_HEADER + "\":\"").getBytes(StandardCharsets.US_ASCII);

    private EventFrameScan() {
    }

    static boolean isEvent(byte[] frame) {
        return startsWith(frame, EVENT_PREFIX, 0);
    }

    /** The number after the first {@code "partition":}, or -1. */
    static long partition(byte[] frame) {
        return numberAfter(frame, indexOf(frame, PARTITION, 0));
    }

    /** The number after the first {@code "offset":}, or -1. */
    static long offset(byte[] frame) {
        return numberAfter(frame, indexOf(frame, OFFSET, 0));
    }

    /** The producer's send stamp from the headers, or -1 when the frame has none. */
    static long sentNanos(byte[] frame) {
        return numberAfter(frame, lastIndexOf(frame, STAMP));
    }

    /** The non-negative whole number that starts at {@code at}, or -1 if there is none. */
    private static long numberAfter(byte[] frame, int at) {
        if (at < 0 || at >= frame.length || frame[at] < '0' || frame[at] > '9') {
            return -1;
        }
        long value = 0;
        for (int i = at; i < frame.length && frame[i] >= '0' && frame[i] <= '9' && i - at < 18; i++) {
            value = value * 10 + (frame[i] - '0');
        }
        return value;
    }

    /** Where the bytes after the first {@code key} at or after {@code from} start, or -1. */
    private static int indexOf(byte[] frame, byte[] key, int from) {
        for (int i = from; i <= frame.length - key.length; i++) {
            if (startsWith(frame, key, i)) {
                return i + key.length;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] frame, byte[] key) {
        for (int i = frame.length - key.length; i >= 0; i--) {
            if (startsWith(frame, key, i)) {
                return i + key.length;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] frame, byte[] key, int at) {
        if (at + key.length > frame.length) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (frame[at + k] != key[k]) {
                return false;
            }
        }
        return true;
    }
}
