package io.meshgate.chaos;

import java.time.Duration;
import java.util.Objects;

/**
 * The faults a {@link WanFaultProxy} applies at one moment. Immutable: the proxy swaps in a whole
 * new value atomically, so a pipe never sees half of an update (say, the new latency with the old
 * black-hole flag).
 *
 * @param latency one-way delay added to every chunk of bytes
 * @param jitter upper bound of a random extra delay per chunk; never reorders bytes
 * @param bandwidthBytesPerSecond cap per direction per connection; 0 means unlimited
 * @param blackHole nothing is read or delivered, new connections are held
 * @param halfOpen new connections are never connected upstream (existing ones were cut when it was switched on)
 */
public record FaultSettings(
        Duration latency, Duration jitter, long bandwidthBytesPerSecond, boolean blackHole, boolean halfOpen) {

    /** Keeps `read time + delay` far from overflowing System.nanoTime arithmetic. */
    static final Duration MAX_DELAY = Duration.ofHours(1);

    /** No faults: a transparent TCP proxy. */
    public static final FaultSettings NONE = new FaultSettings(Duration.ZERO, Duration.ZERO, 0, false, false);

    /*
     * How many bytes one direction may hold in flight inside the proxy. Without a bandwidth cap a real
     * WAN connection is limited by its TCP window (Linux autotunes receive buffers to ~6 MiB), so a
     * similar fixed window keeps "latency without a cap" realistic and the heap bounded.
     */
    private static final long UNCAPPED_WINDOW_BYTES = 8L << 20;
    private static final long MIN_CAPPED_WINDOW_BYTES = 256L << 10;
    private static final long MAX_WINDOW_BYTES = 64L << 20;

    public FaultSettings {
        checkDelay("latency", latency);
        checkDelay("jitter", jitter);
        if (bandwidthBytesPerSecond < 0) {
            throw new IllegalArgumentException(
                    "wan proxy: bandwidth must be >= 0 bytes/s (0 = unlimited), got " + bandwidthBytesPerSecond);
        }
    }

    private static void checkDelay(String field, Duration value) {
        Objects.requireNonNull(value, () -> "wan proxy: " + field + " must not be null");
        if (value.isNegative() || value.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException(
                    "wan proxy: " + field + " must be between 0 and " + MAX_DELAY + ", got " + value);
        }
    }

    FaultSettings withLatency(Duration value) {
        return new FaultSettings(value, jitter, bandwidthBytesPerSecond, blackHole, halfOpen);
    }

    FaultSettings withJitter(Duration value) {
        return new FaultSettings(latency, value, bandwidthBytesPerSecond, blackHole, halfOpen);
    }

    FaultSettings withBandwidth(long bytesPerSecond) {
        return new FaultSettings(latency, jitter, bytesPerSecond, blackHole, halfOpen);
    }

    FaultSettings withBlackHole(boolean on) {
        return new FaultSettings(latency, jitter, bandwidthBytesPerSecond, on, halfOpen);
    }

    FaultSettings withHalfOpen(boolean on) {
        return new FaultSettings(latency, jitter, bandwidthBytesPerSecond, blackHole, on);
    }

    long latencyNanos() {
        return latency.toNanos();
    }

    long jitterNanos() {
        return jitter.toNanos();
    }

    /**
     * Bytes one direction may queue before the proxy stops reading its source. With a cap it is twice
     * the bandwidth-delay product, so latency never throttles below the cap; the floor keeps small
     * caps from stalling on one large read.
     */
    long inFlightWindowBytes() {
        if (bandwidthBytesPerSecond == 0) {
            return UNCAPPED_WINDOW_BYTES;
        }
        double delaySeconds = (latencyNanos() + jitterNanos()) / 1e9;
        double bandwidthDelayProduct = bandwidthBytesPerSecond * delaySeconds;
        long window = (long) Math.min(MAX_WINDOW_BYTES, 2 * bandwidthDelayProduct);
        return Math.max(MIN_CAPPED_WINDOW_BYTES, window);
    }
}
