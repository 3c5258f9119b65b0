package io.meshgate.replication.subscribe;

import io.meshgate.replication.LocalCluster;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Everything one gateway's subscribers of one stream share: the tail that reads the stream's head once, and the
 * ring it fills. When records arrive, each event loop that has subscribers of the stream gets one task that lets
 * them all read on, so the cost of a record is one Kafka read plus one pass per event loop, not one per subscriber.
 */
final class SharedStream {

    /**
     * The subscribers of one event loop, touched on that loop only, and whether a pass over them is already queued.
     * A pass starts no sooner after the previous one ended than that one lasted: at most half of a loop goes to
     * passes when they are long (a thousand subscribers), so the loop still reads credits and accepts connections,
     * and each pass carries the records of a longer spell, written to each subscriber in one burst. Short passes
     * (few subscribers) are not delayed at all.
     */
    private static final class LoopGroup {
        final Set<StreamSubscription> members = new LinkedHashSet<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        long lastEndedNanos;
        long lastLastedNanos;

        void passWhenDue(Context context) {
            long wait = lastEndedNanos + lastLastedNanos - System.nanoTime();
            long waitMs = TimeUnit.NANOSECONDS.toMillis(wait);
            if (waitMs >= 1) {
                context.owner().setTimer(waitMs, id -> pass());
            } else {
                pass();
            }
        }

        private void pass() {
            scheduled.set(false);
            long started = System.nanoTime();
            new ArrayList<>(members).forEach(StreamSubscription::pump);
            lastEndedNanos = System.nanoTime();
            lastLastedNanos = lastEndedNanos - started;
        }
    }

    private final String stream;
    private final LocalCluster cluster;
    private final LocalSources sources;
    private final BiFunction<String, String, Long> replicaLagMs;
    private final Runnable onEmpty;
    private final CatchUpPermits permits;
    private final StreamTail tail;
    private final Future<EventRing> started;
    private final Map<Context, LoopGroup> groups = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger subscribers = new java.util.concurrent.atomic.AtomicInteger();

    SharedStream(String stream, LocalCluster cluster, LocalSources sources, RingLimits limits, CatchUpPermits permits,
                 Context tailContext, BiFunction<String, String, Long> replicaLagMs, Runnable onEmpty) {
        this.permits = permits;
        this.stream = stream;
        this.cluster = cluster;
        this.sources = sources;
        this.replicaLagMs = replicaLagMs;
        this.onEmpty = onEmpty;
        this.tail = new StreamTail(cluster, sources, stream, limits, this::wakeAll, this::failAll);
        this.started = tail.start(tailContext);
    }

    /**
     * A subscription on the caller's context, positioned at {@code start}: at the head straight away for
     * {@code latest}, otherwise through a catch-up reader that hands over to the ring when it is close enough.
     */
    Future<StreamSubscription> subscribe(Context context, StartPosition start, Predicate<StreamEvent> filter,
                                         SubscriptionSink sink) {
        subscribers.incrementAndGet();
        Promise<StreamSubscription> subscribed = Promise.promise();
        // Everything about a subscription happens on its own context: hop there before looking at the ring.
        started.onComplete(ring -> context.runOnContext(v -> {
            if (ring.failed()) {
                subscribed.fail(ring.cause());
            } else {
                position(ring.result(), context, start, filter, sink).onComplete(subscribed);
            }
        }));
        return subscribed.future()
                .onSuccess(subscription -> groups.computeIfAbsent(loopOf(context), c -> new LoopGroup()).members.add(subscription))
                .onFailure(failure -> left());
    }

    private Future<StreamSubscription> position(EventRing ring, Context context, StartPosition start,
                                                Predicate<StreamEvent> filter, SubscriptionSink sink) {
        if (start instanceof StartPosition.Latest) {
            EventRing.Head head = ring.head();
            StreamSubscription subscription = new StreamSubscription(this, context, filter, sink, head.positions(), head.cursor());
            subscription.attachAtHead(head.nextSeq());
            return Future.succeededFuture(subscription);
        }
        return catchUpReader(context).compose(reader -> reader.start(start).map(resolved -> {
            StreamSubscription subscription = new StreamSubscription(this, context, filter, sink,
                    resolved.localOffsets(), resolved.cursor());
            subscription.catchUp(reader, resolved.gaps());
            return subscription;
        }).onFailure(failure -> reader.close()));
    }

    String stream() {
        return stream;
    }

    EventRing ring() {
        return tail.ring();
    }

    Map<TopicPartition, Long> logEnds() {
        return tail.logEnds();
    }

    String origin(TopicPartition partition) {
        return sources.byTopic(partition.topic()).origin();
    }

    /** How far this region's replica of an origin's share is behind the origin, when known here (0 for the origin itself). */
    Long replicaLagMs(String origin) {
        return sources.sources().stream().filter(source -> source.origin().equals(origin)).findFirst()
                .map(source -> source.originTopic() ? Long.valueOf(0L) : replicaLagMs.apply(stream, origin)).orElse(null);
    }

    /** A reader of history, once one of the gateway's catch-up permits is free; completes on {@code context}. */
    Future<CatchUpReader> catchUpReader(Context context) {
        return permits.acquire(context).map(v -> new CatchUpReader(cluster, sources, stream, context, permits::release));
    }

    int subscribers() {
        return subscribers.get();
    }

    /**
     * The event loop's own context behind {@code context}. Vert.x 5 runs each HTTP request, and so each subscriber's
     * socket, on a duplicate of its event loop's context: grouping by those would make one group, and one task per
     * record, per subscriber. Every duplicate of a loop runs on that loop's thread, so a pass on the loop's context
     * may pump them all.
     */
    private static Context loopOf(Context context) {
        return context instanceof ContextInternal internal ? internal.unwrap() : context;
    }

    void leave(StreamSubscription subscription) {
        LoopGroup group = groups.get(loopOf(subscription.context()));
        if (group != null && group.members.remove(subscription)) {
            left();
        }
    }

    private void left() {
        if (subscribers.decrementAndGet() == 0) {
            onEmpty.run();
        }
    }

    void close() {
        tail.close();
    }

    private void wakeAll() {
        groups.forEach((context, group) -> {
            if (group.scheduled.compareAndSet(false, true)) {
                context.runOnContext(v -> group.passWhenDue(context));
            }
        });
    }

    private void failAll(Throwable failure) {
        groups.forEach((context, group) -> context.runOnContext(v ->
                new ArrayList<>(group.members).forEach(subscription -> subscription.fail(failure))));
    }
}
