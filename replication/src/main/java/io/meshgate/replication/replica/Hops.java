package io.meshgate.replication.replica;

import java.nio.charset.StandardCharsets;

/** Reads the hop count a record already carries; anything unreadable counts as a record that never hopped. */
final class Hops {

    static final byte[] ONE = "1".getBytes(StandardCharsets.UTF_8);

    private Hops() {
    }

    static int parse(byte[] value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(new String(value, StandardCharsets.UTF_8).trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
