package io.meshgate.bench;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for a phase's futures from the benchmark's own thread (never an event loop), with a time limit: each way
 * of failing becomes one {@link BenchmarkException} with a clear message.
 */
final class BenchFutures {

    private BenchFutures() {
    }

    /** The result of {@code future}, waiting at most {@code timeout}; {@code what} names it in a failure. */
    static <T> T await(Future<T> future, Duration timeout, String what) {
        return await(future.toCompletionStage(), timeout, what);
    }

    /** The result of {@code stage}, waiting at most {@code timeout} (none left: no wait); {@code what} names it in a failure. */
    static <T> T await(CompletionStage<T> stage, Duration timeout, String what) {
        long nanos = Math.max(0, timeout.toNanos());
        try {
            return stage.toCompletableFuture().get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new BenchmarkException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchmarkException(what + " did not finish within " + String.format(java.util.Locale.ROOT, "%.1f",
                    nanos / 1e9) + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while waiting for " + what, e);
        }
    }
}
