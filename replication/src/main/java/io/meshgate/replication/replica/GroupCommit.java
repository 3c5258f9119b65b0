package io.meshgate.replication.replica;

import io.meshgate.replication.protocol.RecordBatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what a replicator receives in as few transactions as keep up, two at a time: while one transaction
 * commits, the next one is already being written, on the other lane (a writer of its own). The batches that
 * arrive meanwhile queue up, and all of them (up to a size cap) go in the transaction after that.
 *
 * <p>Why two lanes: a commit is a round trip to the transaction coordinator, which then writes its markers, and a
 * writer's next transaction is refused until they are written (CONCURRENT_TRANSACTIONS, retried). With one writer,
 * records waited for all of that; on two lanes the next transaction's records are on the broker by the time the
 * commit before them is done, and each writer has a whole transaction's time to let its markers land.
 *
 * <p>Order and exactly-once stay those of one writer: a transaction is written only after the one before it was
 * appended in full, it commits only after the one before it committed, and it is aborted if that one failed. Each
 * carries the positions after its batches, so what commits is always a prefix of the stream, never a hole.
 *
 * <p>Confined to the replicator's event loop; the writers' blocking calls run on worker threads, one call per
 * writer at a time.
 */
final class GroupCommit {

    /**
     * Writers per replicator; see above. Exactly two: the code below keeps one sent transaction waiting for the
     * commit before it, which holds because the next transaction's lane is the one still committing. More lanes would
     * need a queue of sent transactions; in the replication benchmark, 3 or 4 lanes (with such a queue) gave no clear
     * gain in latency or throughput over 2.
     */
    static final int LANES = 2;
    private static final long MAX_TRANSACTION_BYTES = 8L << 20;

    /** Told of each transaction's outcome, on the event loop. */
    interface Outcome {
        void committed(Map<Integer, Long> positionsAfter, int records, long bytes);

        /** The writers are unusable now and what was queued is dropped: start over from the stored positions. */
        void failed(Throwable cause);
    }

    /** A transaction on its lane. */
    private record Written(PendingBatches.Transaction transaction, ReplicaWriter lane) {
    }

    private final Vertx vertx;
    private final Outcome outcome;
    private final PendingBatches queue = new PendingBatches();
    private final List<Promise<Void>> idleWaiters = new ArrayList<>();
    private List<ReplicaWriter> lanes;
    private int nextLane;
    /** Being sent (at most one), sent and waiting for the commit before it, being committed (at most one). */
    private Written sending;
    private Written sent;
    private Written committing;
    /** Set when a transaction failed, until every one in flight has ended; then the writers are closed. */
    private Throwable failure;
    /** Aborts still running: a writer is closed only after its abort, never during it. */
    private int aborting;
    private boolean closed;

    GroupCommit(Vertx vertx, Outcome outcome) {
        this.vertx = vertx;
        this.outcome = outcome;
    }

    boolean hasWriter() {
        return lanes != null;
    }

    /** Writes from now on with {@code opened}, one writer per lane, whose inits fenced every earlier writer of the stream. */
    void use(List<ReplicaWriter> opened) {
        if (closed) {
            opened.forEach(this::closeOnWorker);  // opened while the replicator stopped: nobody will write with them
            return;
        }
        lanes = List.copyOf(opened);
        nextLane = 0;
        sendNext();
    }

    void add(RecordBatch batch) {
        queue.add(batch);
        sendNext();
    }

    long queuedBytes() {
        return queue.bytes();
    }

    /** Completes once nothing is queued, being written or being committed. */
    Future<Void> whenIdle() {
        if (idle()) {
            return Future.succeededFuture();
        }
        Promise<Void> idle = Promise.promise();
        idleWaiters.add(idle);
        return idle.future();
    }

    /**
     * Lets the transactions in flight finish, then closes the writers; nothing is written after this. What is still
     * queued is dropped: it was never committed, so it is replicated again from the stored positions.
     */
    Future<Void> close() {
        closed = true;
        queue.clear();
        List<ReplicaWriter> closing = lanes;
        lanes = null;
        return whenIdle().compose(v -> closing == null ? Future.succeededFuture()
                : Future.join(closing.stream().map(this::closeOnWorker).toList()).mapEmpty());
    }

    private boolean idle() {
        return sending == null && sent == null && committing == null && aborting == 0 && queue.isEmpty();
    }

    private void sendNext() {
        if (lanes == null || failure != null || sending != null || queue.isEmpty()) {
            return;
        }
        ReplicaWriter lane = lanes.get(nextLane);
        if (inUse(lane)) {
            return;  // still committing its last transaction: sent again when that ends
        }
        nextLane = (nextLane + 1) % lanes.size();
        Written written = new Written(queue.take(MAX_TRANSACTION_BYTES), lane);
        sending = written;
        onWorker(() -> lane.send(written.transaction().batches(), written.transaction().positionsAfter()))
                .onComplete(done -> {
                    sending = null;
                    if (done.failed()) {
                        fail(done.cause());  // send aborted its own transaction
                    } else if (failure != null) {
                        abortOnWorker(lane);  // the transaction before it failed: it must not commit after a hole
                    } else {
                        sent = written;
                        commitNext();
                        sendNext();
                    }
                    settle();
                });
    }

    private void commitNext() {
        if (committing != null || sent == null) {
            return;
        }
        Written written = sent;
        sent = null;
        committing = written;
        onWorker(written.lane()::commit).onComplete(done -> {
            committing = null;
            if (done.succeeded()) {
                PendingBatches.Transaction transaction = written.transaction();
                outcome.committed(transaction.positionsAfter(), transaction.records(), transaction.bytes());
                commitNext();
                sendNext();
            } else {
                fail(done.cause());
            }
            settle();
        });
    }

    private boolean inUse(ReplicaWriter lane) {
        return (sent != null && sent.lane() == lane) || (committing != null && committing.lane() == lane);
    }

    private void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        queue.clear();
        if (sent != null) {
            abortOnWorker(sent.lane());
            sent = null;
        }
    }

    /** After each step: once a failure has no transaction left in flight, report it; once idle, say so. */
    private void settle() {
        if (failure != null && sending == null && committing == null && aborting == 0) {
            Throwable cause = failure;
            failure = null;
            List<ReplicaWriter> failed = lanes;
            lanes = null;
            if (failed != null) {
                failed.forEach(this::closeOnWorker);
            }
            outcome.failed(cause);
        }
        if (idle()) {
            idleWaiters.forEach(Promise::tryComplete);
            idleWaiters.clear();
        }
    }

    private Future<Void> onWorker(Runnable blocking) {
        return vertx.executeBlocking(() -> {
            blocking.run();
            return null;
        }, false);
    }

    private void abortOnWorker(ReplicaWriter lane) {
        aborting++;
        onWorker(lane::abort).onComplete(done -> {
            aborting--;
            settle();
        });
    }

    private Future<Void> closeOnWorker(ReplicaWriter closing) {
        return onWorker(closing::close);
    }
}
