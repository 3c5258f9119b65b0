package io.meshgate.gateway.catalog;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.subscribe.RecentEventsReader;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Samples streams for the catalog: reads a stream's most recent records (off the event loop) and infers their
 * schema, at most once per stream every {@link #FRESH_FOR}, so that a catalog page hit often does not turn into
 * Kafka reads. Requests that arrive while a read is under way share it. A read that fails is kept as an answer
 * too (schema null, with the reason), so a Kafka outage costs one timeout per stream per period, not one per hit.
 */
public final class StreamSampler implements AutoCloseable {

    public static final int MAX_SAMPLES = 20;
    static final int MAX_RECORDS = 200;
    static final int MAX_BYTES = 4 << 20;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    /** Where recent records come from; in a gateway, a {@link RecentEventsReader}. */
    @FunctionalInterface
    interface Source {
        Future<RecentEventsReader.Recent> read(MeshConfig mesh, StreamConfig stream);
    }

    private final Source source;
    private final LongSupplier nanoClock;
    private final AutoCloseable resources;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    StreamSampler(Source source, LongSupplier nanoClock, AutoCloseable resources) {
        this.source = source;
        this.nanoClock = nanoClock;
        this.resources = resources;
    }

    public static StreamSampler create(LocalCluster cluster) {
        RecentEventsReader reader = new RecentEventsReader(cluster);
        return new StreamSampler((mesh, stream) -> reader.read(mesh, stream, MAX_RECORDS, MAX_BYTES, READ_TIMEOUT),
                System::nanoTime, reader);
    }

    /** The sample of {@code stream}: fresh, shared with a read under way, or read now. Never fails. */
    public Future<StreamSample> sample(MeshConfig mesh, StreamConfig stream) {
        long now = nanoClock.getAsLong();
        cache.values().removeIf(entry -> entry.stale(now));
        Entry cached = cache.get(stream.name());
        if (cached != null && cached.stream.equals(stream)) {
            return cached.sample;
        }
        Future<StreamSample> sample = source.read(mesh, stream).map(StreamSample::of)
                .recover(failure -> Future.succeededFuture(StreamSample.unreadable(failure)));
        Entry entry = new Entry(stream, sample);
        cache.put(stream.name(), entry);
        sample.onComplete(done -> entry.completedAt = nanoClock.getAsLong());
        return sample;
    }

    @Override
    public void close() throws Exception {
        cache.clear();
        resources.close();
    }

    /** One stream's sample; fresh from its completion on (a slow read does not shorten how long it is kept). */
    private static final class Entry {
        private final StreamConfig stream;
        private final Future<StreamSample> sample;
        private volatile Long completedAt;

        Entry(StreamConfig stream, Future<StreamSample> sample) {
            this.stream = stream;
            this.sample = sample;
        }

        boolean stale(long now) {
            Long completed = completedAt;
            return completed != null && now - completed >= FRESH_FOR.toNanos();
        }
    }
}
