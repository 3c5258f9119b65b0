package io.meshgate.replication.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Consecutive records of one origin partition of one stream, in origin offset order, as sent in one
 * binary link frame. {@code subscription} is the id the receiver gave the subscription these records answer:
 * after a resubscribe the receiver drops batches of the previous one, which may still be in flight.
 */
public record RecordBatch(String stream, int subscription, int partition, List<ReplicatedRecord> records) {

    public RecordBatch {
        Objects.requireNonNull(stream, "stream");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        records = List.copyOf(records);
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).offset() <= records.get(i - 1).offset()) {
                throw new IllegalArgumentException("stream '" + stream + "' partition " + partition
                        + ": offsets must increase within a batch, got " + records.get(i - 1).offset()
                        + " then " + records.get(i).offset());
            }
        }
    }

    public long lastOffset() {
        return records.isEmpty() ? -1 : records.get(records.size() - 1).offset();
    }
}
