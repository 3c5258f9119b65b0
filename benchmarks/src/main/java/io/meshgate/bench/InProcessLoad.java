package io.meshgate.bench;

import io.meshgate.gateway.view.ViewValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The ceiling of a lookup: the same random-key reads as the HTTP load, straight against a map in this JVM, on
 * {@code threads} threads for a warm-up and then the window. Every read is checked (the value of the right size);
 * the latency of every {@value #SAMPLE_EVERY}th read is kept, so a few million reads per second fit in memory.
 */
final class InProcessLoad {

    static final int SAMPLE_EVERY = 8;

    private InProcessLoad() {
    }

    static LoadResult run(String name, Function<String, ViewValue> store, LookupValues values, int valueBytes, int threads,
                          Duration warmup, Duration window) {
        long from = System.nanoTime() + warmup.toNanos();
        long until = from + window.toNanos();
        CpuWindow cpu = new CpuWindow(List.of(CpuClock.thisJvm()), from, until);
        List<CompletableFuture<Reader>> readers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Reader reader = new Reader(store, values, valueBytes, new SplittableRandom(17L * t + values.size()), from, until);
            readers.add(CompletableFuture.supplyAsync(reader::run, runnable -> {
                Thread thread = new Thread(runnable, "bench-ceiling-" + readers.size());
                thread.setDaemon(true);
                thread.start();
            }));
        }
        List<Reader> done = new ArrayList<>();
        for (CompletableFuture<Reader> reader : readers) {
            done.add(BenchFutures.await(reader, Duration.ofNanos(until - System.nanoTime()).plusSeconds(30), name + ": a reader"));
        }
        long reads = done.stream().mapToLong(reader -> reader.reads).sum();
        long errors = done.stream().mapToLong(reader -> reader.errors).sum();
        LoadResult sampled = LoadResult.of(name, threads, errors, errors == 0 ? null : "a read found no value of the right size",
                until - from, LatencySamples.sorted(done.stream().map(reader -> reader.samples).toList()), -1, cpu.nanos(0));
        // Every read counts for the rate; the latencies are those of the sample.
        return new LoadResult(name, threads, reads, errors, sampled.firstError(), until - from, sampled.p50Nanos(),
                sampled.p99Nanos(), sampled.maxNanos(), -1, sampled.clientCpuNanos());
    }

    /** One thread's reads; its fields are read by the caller only after {@link #run()} returned. */
    private static final class Reader {
        private final Function<String, ViewValue> store;
        private final LookupValues values;
        private final int valueBytes;
        private final SplittableRandom random;
        private final long from;
        private final long until;
        private final LatencySamples samples = new LatencySamples(1 << 20);
        private long reads;
        private long errors;

        Reader(Function<String, ViewValue> store, LookupValues values, int valueBytes, SplittableRandom random, long from,
               long until) {
            this.store = store;
            this.values = values;
            this.valueBytes = valueBytes;
            this.random = random;
            this.from = from;
            this.until = until;
        }

        Reader run() {
            for (long i = 0; ; i++) {
                long start = System.nanoTime();
                if (start >= until) {
                    return this;
                }
                ViewValue value = store.apply(values.key(random.nextInt(values.size())));
                if (start < from) {
                    continue;
                }
                reads++;
                if (value == null || value.text().length() != valueBytes) {
                    errors++;
                }
                if (i % SAMPLE_EVERY == 0) {
                    samples.add(System.nanoTime() - start);
                }
            }
        }
    }
}
