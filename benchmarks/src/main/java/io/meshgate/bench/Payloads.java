package io.meshgate.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Record keys and values for the benchmark. Values come from a pool of random arrays, so they do not
 * compress to nothing and building them costs no time inside the measurement; keys are distinct, so the
 * default partitioner spreads records evenly over all partitions.
 */
final class Payloads {

    private static final int POOL_SIZE = 256;

    private final byte[][] values = new byte[POOL_SIZE][];

    Payloads(int recordBytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < POOL_SIZE; i++) {
            values[i] = new byte[recordBytes];
            random.nextBytes(values[i]);
        }
    }

    /** A value to send; the producer copies it into its batch, so the same array may be sent again. */
    byte[] value(long sequence) {
        return values[(int) (sequence % POOL_SIZE)];
    }

    static byte[] key(long sequence) {
        return ("order-" + sequence).getBytes(StandardCharsets.US_ASCII);
    }
}
