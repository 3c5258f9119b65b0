package io.meshgate.client;

/**
 * Records of one origin partition the subscription should have delivered and cannot: retention at the gateway's
 * region removed them before they were read. The gateway says so and reads on from {@code toOffset}; another region
 * may still hold them.
 *
 * <p>Seen in order with events: after the event before the gap was finished and before the event after it. Seeing
 * a gap does not move {@link MeshSubscriber#cursor()}: it stays at the last finished event, so a reconnect (or a
 * restart from a saved cursor) before the next event meets the same gap again, or, at a region that still holds
 * these records, delivers them.
 *
 * @param stream     the stream
 * @param origin     the region where the records were written
 * @param partition  their partition, the same in every region
 * @param fromOffset the first missing origin offset (inclusive)
 * @param toOffset   the end of the missing range (exclusive): the next event of this partition is at or after it
 * @param records    at most this many records are missing (fewer when the range held transaction markers)
 * @param reason     the gateway's explanation, in words; empty when it gave none
 */
public record SubscriberGap(String stream, String origin, int partition, long fromOffset, long toOffset, long records,
                            String reason) {

    @Override
    public String toString() {
        return "SubscriberGap[" + stream + " " + origin + "/" + partition + " " + fromOffset + ".." + toOffset
                + " records=" + records + "]";
    }
}
