package io.meshgate.replication.replica;

import io.meshgate.replication.protocol.RecordBatch;
import io.meshgate.replication.protocol.ReplicatedRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Batches received and not yet written, in arrival order, with their size: the size is what pauses the link when
 * the local cluster writes slower than the WAN delivers. Taken out a transaction's worth at a time.
 * Confined to the replicator's event loop.
 */
final class PendingBatches {

    private final ArrayDeque<Sized> queue = new ArrayDeque<>();
    private long bytes;

    /** A batch with its size, computed once when it arrives rather than again when it leaves. */
    private record Sized(RecordBatch batch, long bytes) {
    }

    /** What one transaction writes: the batches, the positions after them, and their size for metrics. */
    record Transaction(List<RecordBatch> batches, Map<Integer, Long> positionsAfter, int records, long bytes) {
    }

    void add(RecordBatch batch) {
        Sized sized = new Sized(batch, bytesOf(batch));
        queue.addLast(sized);
        bytes += sized.bytes();
    }

    /** Takes batches in order until at least {@code maxBytes} are taken, or all of them. */
    Transaction take(long maxBytes) {
        List<RecordBatch> batches = new ArrayList<>();
        Map<Integer, Long> positionsAfter = new HashMap<>();
        long taken = 0;
        int records = 0;
        while (!queue.isEmpty() && (batches.isEmpty() || taken < maxBytes)) {
            Sized sized = queue.removeFirst();
            RecordBatch batch = sized.batch();
            batches.add(batch);
            taken += sized.bytes();
            records += batch.records().size();
            positionsAfter.put(batch.partition(), batch.lastOffset() + 1);
        }
        bytes -= taken;
        return new Transaction(batches, positionsAfter, records, taken);
    }

    void clear() {
        queue.clear();
        bytes = 0;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    private static long bytesOf(RecordBatch batch) {
        long size = 0;
        for (ReplicatedRecord record : batch.records()) {
            size += record.encodedSize();
        }
        return size;
    }
}
