package io.meshgate.replication.replica;

import io.meshgate.config.LinkSettings;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, so that a region's links do not all retry a recovering peer in step. */
final class Backoff {

    private Backoff() {
    }

    /** Delay before retry number {@code attempt} (1-based): doubling from the initial delay up to the max, then jittered down by up to half. */
    static long delayMillis(LinkSettings settings, int attempt) {
        long initial = settings.reconnectBackoffInitial().toMillis();
        long max = settings.reconnectBackoffMax().toMillis();
        long exponential = initial << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(Math.max(exponential, initial), max);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}
