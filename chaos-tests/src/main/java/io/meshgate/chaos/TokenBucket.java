package io.meshgate.chaos;

/**
 * Token bucket capping one direction of one connection. Owned by that direction's writer thread:
 * not thread-safe.
 *
 * <p>The rate is passed on every call instead of being fixed, because the proxy may change it at any
 * moment and the change must apply to the very next slice. The bucket may go into debt (a slice is
 * sent once a full burst is available, even if it is larger than the current balance), which keeps
 * the long-run rate exact even when the rate drops while a large slice is pending.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;
    /** Slices hold about 20 ms of traffic at the cap: smooth delivery without a syscall per byte. */
    private static final long SLICES_PER_SECOND = 50;
    private static final int MIN_SLICE_BYTES = 512;
    private static final int MAX_SLICE_BYTES = 64 * 1024;

    /** Starts full: a fresh connection may send one burst immediately, like an idle link. */
    private double tokens = Double.POSITIVE_INFINITY;
    private long lastRefillNanos;

    /** How many bytes to write at once at this rate; the whole chunk when unlimited. */
    static int sliceBytes(long bytesPerSecond) {
        if (bytesPerSecond == 0) {
            return Integer.MAX_VALUE;
        }
        long slice = bytesPerSecond / SLICES_PER_SECOND;
        return (int) Math.max(MIN_SLICE_BYTES, Math.min(MAX_SLICE_BYTES, slice));
    }

    /** The burst is one slice, so the cap also holds over windows much shorter than a second. */
    private static double burstBytes(long bytesPerSecond) {
        return sliceBytes(bytesPerSecond);
    }

    /** Nanoseconds to wait before {@code bytes} may be sent at {@code bytesPerSecond}; 0 = now. */
    long nanosUntilAvailable(int bytes, long bytesPerSecond, long nowNanos) {
        if (bytesPerSecond == 0) {
            return 0;
        }
        refill(bytesPerSecond, nowNanos);
        double needed = Math.min(bytes, burstBytes(bytesPerSecond));
        if (tokens >= needed) {
            return 0;
        }
        return (long) Math.ceil((needed - tokens) * NANOS_PER_SECOND / bytesPerSecond);
    }

    /** Records that {@code bytes} were sent; may leave the bucket in debt. */
    void consume(int bytes, long bytesPerSecond, long nowNanos) {
        if (bytesPerSecond == 0) {
            return;
        }
        refill(bytesPerSecond, nowNanos);
        tokens -= bytes;
    }

    private void refill(long bytesPerSecond, long nowNanos) {
        double earned = (nowNanos - lastRefillNanos) * (double) bytesPerSecond / NANOS_PER_SECOND;
        // An idle link does not bank more than one burst, or a long pause would allow a flood.
        tokens = Math.min(burstBytes(bytesPerSecond), tokens + earned);
        lastRefillNanos = nowNanos;
    }
}
