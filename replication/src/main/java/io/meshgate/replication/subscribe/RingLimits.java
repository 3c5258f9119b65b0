package io.meshgate.replication.subscribe;

/** How much of a stream's recent history a gateway keeps in memory for its subscribers, per stream. */
public record RingLimits(int maxEntries, long maxBytes) {

    public static final RingLimits DEFAULT = new RingLimits(50_000, 32L << 20);

    public RingLimits {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("ring limits must be positive: entries " + maxEntries + ", bytes " + maxBytes);
        }
    }
}
