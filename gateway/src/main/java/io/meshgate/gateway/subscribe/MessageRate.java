package io.meshgate.gateway.subscribe;

/**
 * A token bucket for one subscriber's messages: {@code perSecond} on average, with bursts up to one second's worth.
 * Used on one event loop only.
 */
final class MessageRate {

    private final double perSecond;
    private double tokens;
    private long lastNanos = -1;

    MessageRate(int perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
    }

    boolean tryAcquire(long nowNanos) {
        if (lastNanos >= 0) {
            tokens = Math.min(perSecond, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
        }
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
