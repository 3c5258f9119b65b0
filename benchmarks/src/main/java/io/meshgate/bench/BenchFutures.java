package io.meshgate.bench;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a phase's futures from the benchmark's main thread: each way of failing becomes one clear message. */
final class BenchFutures {

    private BenchFutures() {
    }

    /** The result of {@code stage}, waiting at most {@code timeoutNanos}; {@code what} names it in a failure. */
    static <T> T await(CompletionStage<T> stage, long timeoutNanos, String what) {
        try {
            return stage.toCompletableFuture().get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new BenchmarkException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchmarkException(what + " did not finish in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while waiting: " + what, e);
        }
    }
}
