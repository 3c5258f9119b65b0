package io.meshgate.bench;

import io.meshgate.gateway.view.ViewValue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The view's keys and values, the same for the gateways (written to Kafka) and the in-process ceiling: key
 * {@code order-N}, value an order as JSON of exactly the configured size, padded with random letters so it does
 * not compress to nothing.
 */
final class LookupValues {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final int valueBytes;
    private final String[] keys;

    LookupValues(int keys, int valueBytes) {
        this.valueBytes = valueBytes;
        this.keys = new String[keys];
        for (int i = 0; i < keys; i++) {
            this.keys[i] = new String(Payloads.key(i), StandardCharsets.US_ASCII);
        }
    }

    int size() {
        return keys.length;
    }

    String key(int index) {
        return keys[index];
    }

    /** The JSON value of key {@code index}: always {@code valueBytes} bytes, ASCII only. */
    String json(int index) {
        String head = "{\"orderId\":\"" + keys[index] + "\",\"customerId\":\"c-" + (index % 1000)
                + "\",\"amount\":" + (index % 10_000) + ".5,\"note\":\"";
        String tail = "\"}";
        int padding = Math.max(0, valueBytes - head.length() - tail.length());
        StringBuilder json = new StringBuilder(valueBytes).append(head);
        SplittableRandom random = new SplittableRandom(index);
        for (int i = 0; i < padding; i++) {
            json.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return json.append(tail).toString();
    }

    /** What a gateway's view holds for key {@code index}, as if built from partition 0 at offset {@code index}. */
    ViewValue viewValue(int index, String origin) {
        return new ViewValue(json(index), false, origin, 0, index, System.currentTimeMillis());
    }
}
