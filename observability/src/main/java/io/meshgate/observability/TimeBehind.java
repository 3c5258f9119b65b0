package io.meshgate.observability;

import java.util.Objects;

/**
 * One row of the {@code meshgate.replication.lag} gauge: how long ago, in origin time, the origin partition was
 * last in a state this region's replica fully holds. Computed from origin heartbeats, so it stays near zero on an
 * idle stream and grows second by second while a link is down.
 */
public record TimeBehind(String stream, String origin, int partition, long millis) {

    public TimeBehind {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(origin, "origin");
        if (partition < 0 || millis < 0) {
            throw new IllegalArgumentException("stream '" + stream + "' origin '" + origin + "': partition and millis"
                    + " must be >= 0, got partition " + partition + ", millis " + millis);
        }
    }
}
