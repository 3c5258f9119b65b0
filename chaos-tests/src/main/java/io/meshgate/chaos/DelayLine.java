package io.meshgate.chaos;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The bytes of one direction of one connection that were read but not yet delivered: a bounded FIFO
 * between that direction's reader thread and its writer thread.
 *
 * <p>Thread safety: every method may be called from any thread. All waiting happens here, on one
 * lock and condition, so a fault change ({@link #wake()}), a close and queue traffic all wake the
 * waiter, which then re-reads the current {@link FaultSettings}. Waiting for a deadline uses
 * {@link Condition#awaitNanos}, which on Linux wakes within tens of microseconds of the deadline.
 *
 * <p>Ordering: a chunk is due at its read time plus the current latency plus its own jitter, but the
 * writer only ever takes the head of the queue, so a chunk with less jitter waits for the one ahead
 * of it: jitter delays bytes, it never reorders them.
 */
final class DelayLine {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private final Supplier<FaultSettings> faults;

    private long queuedBytes;
    /** No more traffic: every waiter returns and every call reports "stop". */
    private boolean closed;
    /** Half-open: offered bytes are dropped and the writer stops, but the reader keeps reading. */
    private boolean discarding;

    DelayLine(Supplier<FaultSettings> faults) {
        this.faults = faults;
    }

    /**
     * Reader side: blocks while the black hole is on, because a black hole must not read (and so
     * acknowledge) anything. Also holds a new connection before it connects upstream.
     *
     * @return false if the line was closed meanwhile
     */
    boolean awaitReadAllowed() {
        lock.lock();
        try {
            while (!closed && faults.get().blackHole()) {
                if (!pause(-1)) {
                    return false;
                }
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reader side: appends a chunk, blocking while the in-flight window is full so that backpressure
     * reaches the sender. Dropped silently while discarding.
     *
     * @return false if the line is closed and the reader should stop
     */
    boolean offer(Chunk chunk) {
        lock.lock();
        try {
            // One chunk always fits, or a window smaller than a read would deadlock.
            while (!closed && !discarding && queuedBytes > 0
                    && queuedBytes + chunk.size() > faults.get().inFlightWindowBytes()) {
                if (!pause(-1)) {
                    return false;
                }
            }
            if (closed) {
                return false;
            }
            if (!discarding) {
                queue.add(chunk);
                queuedBytes += chunk.size();
                changed.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writer side: waits until the head chunk is due and the black hole is off, then removes it.
     *
     * @return the chunk, or null if the line was closed or is discarding
     */
    Chunk takeDue() {
        lock.lock();
        try {
            while (!closed && !discarding) {
                FaultSettings now = faults.get();
                Chunk head = queue.peek();
                if (head == null || now.blackHole()) {
                    if (!pause(-1)) {
                        return null;
                    }
                    continue;
                }
                long wait = head.dueNanos(now) - System.nanoTime();
                if (wait > 0) {
                    if (!pause(wait)) {
                        return null;
                    }
                    continue;
                }
                queue.poll();
                queuedBytes -= head.size();
                changed.signalAll();
                return head;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writer side, before each slice of a chunk: waits while the black hole is on and for as long as
     * {@code nanosToWait} asks (the bandwidth cap), re-evaluating it after every fault change.
     *
     * @return the settings under which sending was allowed, or null if the writer should stop
     */
    FaultSettings awaitSendAllowed(ToLongFunction<FaultSettings> nanosToWait) {
        lock.lock();
        try {
            while (!closed && !discarding) {
                FaultSettings now = faults.get();
                if (now.blackHole()) {
                    if (!pause(-1)) {
                        return null;
                    }
                    continue;
                }
                long wait = nanosToWait.applyAsLong(now);
                if (wait <= 0) {
                    return now;
                }
                if (!pause(wait)) {
                    return null;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Makes every waiter re-read the fault settings; call after changing them. */
    void wake() {
        signal(() -> { });
    }

    /** Half-open: drops what is queued and everything offered from now on; the writer stops. */
    void discard() {
        signal(() -> {
            discarding = true;
            queue.clear();
            queuedBytes = 0;
        });
    }

    /** Stops the reader, the writer and anyone held at the gate. */
    void close() {
        signal(() -> {
            closed = true;
            queue.clear();
            queuedBytes = 0;
        });
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits (with the lock held) for a change, or at most {@code nanos} if positive; false if interrupted. */
    private boolean pause(long nanos) {
        try {
            if (nanos < 0) {
                changed.await();
            } else {
                changed.await(nanos, TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
