package io.meshgate.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * What all subscribers share: the measurement window, set before the producer starts, and a running count of
 * windowed events delivered, for the main thread to wait on. Written by many event loops at once.
 */
final class FanoutTally {

    private volatile long windowFrom = Long.MAX_VALUE;
    private volatile long windowUntil = Long.MIN_VALUE;
    private final LongAdder delivered = new LongAdder();

    void window(long from, long until) {
        windowUntil = until;
        windowFrom = from;
    }

    boolean inWindow(long sentNanos) {
        return sentNanos >= windowFrom && sentNanos < windowUntil;
    }

    void delivered() {
        delivered.increment();
    }

    long deliveredSoFar() {
        return delivered.sum();
    }
}
