package io.meshgate.replication.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.replication.LocalCluster;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The gateway's push subscriptions, grouped by stream: one {@link SharedStream} (one Kafka consumer at the head,
 * one ring of recent records) per stream that has subscribers, closed a while after its last subscriber leaves so
 * that reconnecting clients find it still warm.
 */
public final class SharedStreams implements AutoCloseable {

    private static final long IDLE_CLOSE_MS = 30_000;
    /** Readers of history running at once, gateway-wide; more subscribers catching up wait their turn. */
    private static final int CATCH_UP_READERS = 64;

    private record Key(String stream, LocalSources sources) {
    }

    private final Vertx vertx;
    private final LocalCluster cluster;
    private final RingLimits limits;
    private final BiFunction<String, String, Long> replicaLagMs;
    private final Map<Key, SharedStream> streams = new HashMap<>();
    private final CatchUpPermits permits = new CatchUpPermits(CATCH_UP_READERS);
    private boolean closed;

    /** {@code replicaLagMs(stream, origin)}: how far this region's replica is behind the origin, null when unknown here. */
    public SharedStreams(Vertx vertx, LocalCluster cluster, RingLimits limits, BiFunction<String, String, Long> replicaLagMs) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.limits = limits;
        this.replicaLagMs = replicaLagMs;
    }

    /**
     * Subscribes on the calling context (a client connection's event loop), which every later call on the
     * subscription must use too. {@code filter} selects the events to deliver: the others cost no credit, and the
     * cursor moves past them as well.
     */
    public Future<StreamSubscription> subscribe(MeshConfig mesh, StreamConfig stream, StartPosition start,
                                                Predicate<StreamEvent> filter, SubscriptionSink sink) {
        Context context = vertx.getOrCreateContext();
        SharedStream shared;
        synchronized (this) {
            if (closed) {
                return Future.failedFuture(new IllegalStateException("the gateway is stopping"));
            }
            Key key = new Key(stream.name(), LocalSources.of(mesh, cluster.regionId(), stream));
            shared = streams.computeIfAbsent(key, k -> new SharedStream(k.stream(), cluster, k.sources(), limits,
                    permits, context, replicaLagMs, () -> vertx.setTimer(IDLE_CLOSE_MS, id -> closeIfIdle(k))));
        }
        return shared.subscribe(context, start, filter, sink);
    }

    /** Streams with a running tail on this gateway. */
    public synchronized int openStreams() {
        return streams.size();
    }

    /** Subscriptions on this gateway, open or opening. */
    public synchronized int subscriptions() {
        return streams.values().stream().mapToInt(SharedStream::subscribers).sum();
    }

    /** Subscribers reading history through their own reader now, and those waiting for one. */
    public int catchingUp() {
        return permits.inUse();
    }

    public int waitingToCatchUp() {
        return permits.queued();
    }

    private synchronized void closeIfIdle(Key key) {
        SharedStream shared = streams.get(key);
        if (shared != null && shared.subscribers() == 0) {
            streams.remove(key);
            shared.close();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        streams.values().forEach(SharedStream::close);
        streams.clear();
    }
}
