package io.meshgate.bench;

import java.time.Duration;

/**
 * A latency measurement's schedule: records at {@code rate} per second for {@code warmup}, so that every client is
 * connected and hot, then for {@code window}, whose records alone are measured.
 */
record PacedWindow(int rate, Duration warmup, Duration window) {

    /** Records sent inside the window, as a capacity hint. */
    int expected() {
        return (int) Math.min(Integer.MAX_VALUE - 16, rate * window.toSeconds());
    }
}
