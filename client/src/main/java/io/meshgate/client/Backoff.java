package io.meshgate.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays before reconnecting: doubling from {@code initial} up to {@code max}, each drawn at random from the upper
 * half of its step, so many clients cut off by one gateway do not all come back at the same instant.
 */
record Backoff(Duration initial, Duration max) {

    /** The delay before attempt {@code failures + 1}, where {@code failures} attempts in a row have failed. */
    Duration delay(int failures, DoubleSupplier random) {
        long initialMs = Math.max(1, initial.toMillis());
        long maxMs = Math.max(initialMs, max.toMillis());
        // Capped shift: 2^30 steps is already far past any sane max, and it keeps the product from overflowing.
        long stepMs = Math.min(maxMs, initialMs << Math.min(Math.max(failures, 0), 30));
        if (stepMs < 0) {
            stepMs = maxMs;
        }
        double jitter = Math.min(1.0, Math.max(0.0, random.getAsDouble()));
        return Duration.ofMillis(stepMs / 2 + Math.round(jitter * (stepMs - stepMs / 2)));
    }
}
