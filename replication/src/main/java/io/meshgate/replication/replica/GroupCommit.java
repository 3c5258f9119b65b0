package io.meshgate.replication.replica;

import io.meshgate.replication.protocol.RecordBatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what a replicator receives in as few transactions as keep up: while one transaction commits, the
 * batches that arrive queue up, and all of them (up to a size cap) go in the next one. Each transaction carries
 * the positions after its batches, so what commits is always a prefix of the stream, never a hole.
 *
 * <p>Confined to the replicator's event loop; the writer's blocking calls run on worker threads, one at a time.
 */
final class GroupCommit {

    private static final long MAX_TRANSACTION_BYTES = 8L << 20;

    /** Told of each transaction's outcome, on the event loop. */
    interface Outcome {
        void committed(Map<Integer, Long> positionsAfter, int records, long bytes);

        /** The writer is unusable now and what was queued is dropped: start over from the stored positions. */
        void failed(Throwable cause);
    }

    private final Vertx vertx;
    private final Outcome outcome;
    private final PendingBatches queue = new PendingBatches();
    private final List<Promise<Void>> idleWaiters = new ArrayList<>();
    private ReplicaWriter writer;
    private boolean writing;
    private boolean closed;

    GroupCommit(Vertx vertx, Outcome outcome) {
        this.vertx = vertx;
        this.outcome = outcome;
    }

    boolean hasWriter() {
        return writer != null;
    }

    /** Writes from now on with {@code opened}, whose init has fenced every earlier writer of the stream. */
    void use(ReplicaWriter opened) {
        if (closed) {
            closeOnWorker(opened);  // opened while the replicator stopped: nobody will write with it
            return;
        }
        writer = opened;
        writeNext();
    }

    void add(RecordBatch batch) {
        queue.add(batch);
        writeNext();
    }

    long queuedBytes() {
        return queue.bytes();
    }

    /** Completes once nothing is queued or being written. */
    Future<Void> whenIdle() {
        if (!writing && queue.isEmpty()) {
            return Future.succeededFuture();
        }
        Promise<Void> idle = Promise.promise();
        idleWaiters.add(idle);
        return idle.future();
    }

    /** Lets the current transaction finish, then closes the writer; nothing is written after this. */
    Future<Void> close() {
        closed = true;
        ReplicaWriter closing = writer;
        writer = null;
        return whenIdle().compose(v -> closing == null ? Future.succeededFuture() : closeOnWorker(closing));
    }

    private void writeNext() {
        if (writing || queue.isEmpty() || writer == null) {
            return;
        }
        PendingBatches.Transaction transaction = queue.take(MAX_TRANSACTION_BYTES);
        writing = true;
        ReplicaWriter current = writer;
        vertx.executeBlocking(() -> {
            current.write(transaction.batches(), transaction.positionsAfter());
            return null;
        }, false).onComplete(done -> {
            writing = false;
            if (done.succeeded()) {
                outcome.committed(transaction.positionsAfter(), transaction.records(), transaction.bytes());
                writeNext();
            } else {
                writer = null;
                queue.clear();
                closeOnWorker(current);
                outcome.failed(done.cause());
            }
            if (!writing && queue.isEmpty()) {
                idleWaiters.forEach(Promise::tryComplete);
                idleWaiters.clear();
            }
        });
    }

    private Future<Void> closeOnWorker(ReplicaWriter closing) {
        return vertx.executeBlocking(() -> {
            closing.close();
            return null;
        }, false);
    }
}
