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
        long capped = initial;
        for (int i = 1; i < attempt && capped < max; i++) {
            capped = Math.min(capped * 2, max);
        }
        capped = Math.min(capped, max);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}
