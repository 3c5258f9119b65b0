package io.meshgate.localkafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Starts several things at once and hands back all of them or none: every start is awaited, and if any failed,
 * those that started are stopped before the failure is thrown, so a caller that gets an exception has nothing
 * left running to clean up. Generic so that this rule can be tested without brokers.
 */
final class ParallelStart {

    private ParallelStart() {
    }

    /**
     * Starts one thing per element of {@code settings} with {@code start}, concurrently, and returns them in the
     * order of {@code settings} once all have started.
     *
     * @throws RuntimeException the failure of the first start (in the order of {@code settings}) that failed, after
     *     the ones that started were stopped with {@code stop}
     */
    static <S, T> List<T> startAll(List<S> settings, Function<S, T> start, Consumer<T> stop) {
        // A thread per start: each blocks for seconds, and the common pool (cores - 1 threads) would run them in waves.
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, settings.size()), task -> {
            Thread thread = new Thread(task, "local-kafka-start");
            thread.setDaemon(true);
            return thread;
        });
        List<CompletableFuture<T>> starting;
        try {
            starting = settings.stream()
                    .map(each -> CompletableFuture.supplyAsync(() -> start.apply(each), threads))
                    .toList();
        } finally {
            threads.shutdown();  // the submitted starts run on; the threads end with them
        }
        List<T> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<T> one : starting) {
            try {
                started.add(one.join());
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            started.forEach(stop);
            throw failure;
        }
        return started;
    }
}
