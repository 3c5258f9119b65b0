package io.meshgate.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of some processes between two moments in the future (a load phase's measurement window, which starts
 * after its warm-up while the caller waits for the whole phase), read from the OS by a timer, not by the load.
 */
final class CpuWindow {

    private final CompletableFuture<long[]> atStart;
    private final CompletableFuture<long[]> atEnd;

    /** Samples {@code clocks} at {@code fromNanos} and at {@code untilNanos} ({@link System#nanoTime()} values). */
    CpuWindow(List<CpuClock> clocks, long fromNanos, long untilNanos) {
        this.atStart = CompletableFuture.supplyAsync(() -> sample(clocks), at(fromNanos));
        this.atEnd = CompletableFuture.supplyAsync(() -> sample(clocks), at(untilNanos));
    }

    /** CPU nanoseconds of clock {@code i} inside the window, or -1 when unknown; waits for the window's end. */
    long nanos(int i) {
        long start = atStart.join()[i];
        long end = atEnd.join()[i];
        return start < 0 || end < 0 ? -1 : end - start;
    }

    private static Executor at(long nanoTime) {
        return CompletableFuture.delayedExecutor(Math.max(0, nanoTime - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static long[] sample(List<CpuClock> clocks) {
        return clocks.stream().mapToLong(CpuClock::nanos).toArray();
    }
}
