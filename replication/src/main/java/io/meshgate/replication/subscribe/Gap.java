package io.meshgate.replication.subscribe;

/**
 * Records a subscriber's cursor still wanted that are gone from this region (retention removed them): origin
 * offsets {@code fromOffset} (inclusive) to {@code toOffset} (exclusive) of one origin partition. Said to the
 * subscriber explicitly; the subscription then reads on from {@code toOffset}.
 */
public record Gap(String stream, String origin, int partition, long fromOffset, long toOffset) {

    /** At most this many records are missing (fewer when the range held transaction markers). */
    public long records() {
        return toOffset - fromOffset;
    }
}
