package io.meshgate.observability;

import java.util.Objects;

/**
 * One row of the {@code meshgate.replication.records_behind} gauge: how many records this region's replica of
 * one origin partition is behind the origin's log end, as last learned from the origin's heartbeats.
 */
public record RecordsBehind(String stream, String origin, int partition, long records) {

    public RecordsBehind {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(origin, "origin");
        if (partition < 0) {
            throw new IllegalArgumentException("stream '" + stream + "' origin '" + origin
                    + "': partition must be >= 0, got " + partition);
        }
        if (records < 0) {
            throw new IllegalArgumentException("stream '" + stream + "' origin '" + origin + "' partition "
                    + partition + ": records behind must be >= 0, got " + records);
        }
    }
}
