package io.meshgate.replication.replica;

import io.meshgate.config.LinkSettings;
import io.meshgate.config.StreamRoute;
import io.meshgate.observability.Events;
import io.meshgate.observability.MeshMetrics;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.RecordBatch;
import io.meshgate.replication.protocol.ReplicatedRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replicates one origin's share of one stream into this region: subscribes over the link from the committed
 * positions, and writes what arrives to the replica topic in transactions that also store the new positions.
 * While one transaction commits, the next one is written, and the batches arriving meanwhile queue up for the one
 * after ({@link GroupCommit}).
 *
 * <p>Any failure to commit drops what is queued, reloads positions from the store and subscribes again, so
 * nothing is lost or written twice. Confined to its link's event loop; Kafka calls run on worker threads.
 */
public final class StreamReplicator {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReplicator.class);
    static final long QUEUE_HIGH_WATER_BYTES = 16L << 20;
    static final long QUEUE_LOW_WATER_BYTES = 4L << 20;

    /** Where a replicator is in its life, as shown in {@code /v1/mesh}. */
    public enum State { WAITING_FOR_LINK, SUBSCRIBING, REPLICATING, RETRYING, STOPPED }

    private final Vertx vertx;
    private final LocalCluster cluster;
    private final ReplicaTopics topics;
    private final StreamRoute route;
    private final LinkSettings settings;
    private final MeshMetrics metrics;
    private final ReplicaProgress progress = new ReplicaProgress();
    private final Map<Integer, Long> expected = new HashMap<>();
    private final GroupCommit commits;
    private final WriterAndPositions writerAndPositions;
    private LinkChannel link;
    private int subscription;
    private State state = State.WAITING_FOR_LINK;
    private String lastError;
    private int failures;

    public StreamReplicator(Vertx vertx, LocalCluster cluster, PositionStore store, StreamRoute route,
                            LinkSettings settings, MeshMetrics metrics) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.topics = new ReplicaTopics(cluster);
        this.route = route;
        this.settings = settings;
        this.metrics = metrics;
        this.commits = new GroupCommit(vertx, new GroupCommit.Outcome() {
            @Override
            public void committed(Map<Integer, Long> positionsAfter, int records, long bytes) {
                onCommitted(positionsAfter, records, bytes);
            }

            @Override
            public void failed(Throwable cause) {
                onWriteFailed(cause);
            }
        });
        this.writerAndPositions = new WriterAndPositions(vertx, cluster, store, route, commits, progress);
    }

    public StreamRoute route() {
        return route;
    }

    String stream() {
        return route.stream().name();
    }

    /**
     * Opens the writer and reads the positions now, while the link is still connecting: neither needs the origin,
     * and a cold start takes about a second for them (the positions topic, the transaction coordinator), which
     * would otherwise come after the link is up. A failure here is left to {@link #subscribe}, which tries again.
     */
    public void prepare() {
        writerAndPositions.ready();
    }

    void attach(LinkChannel channel) {
        link = channel;
        subscribe();
    }

    void detach() {
        link = null;
        subscription++;
        if (state != State.STOPPED) {
            state = State.WAITING_FOR_LINK;
        }
    }

    Map<Integer, Long> committedPositions() {
        return Map.copyOf(progress.committed());
    }

    long queuedBytes() {
        return commits.queuedBytes();
    }

    void accept(RecordBatch batch) {
        if (batch.subscription() != subscription || state != State.REPLICATING) {
            return;  // an answer to an earlier subscription, still in flight when we resubscribed
        }
        long next = expected.getOrDefault(batch.partition(), -1L);
        List<ReplicatedRecord> fresh = batch.records();
        if (next >= 0 && !fresh.isEmpty() && fresh.get(0).offset() < next) {
            fresh = fresh.stream().filter(record -> record.offset() >= next).toList();
        }
        if (fresh.isEmpty()) {
            return;
        }
        RecordBatch accepted = new RecordBatch(batch.stream(), batch.subscription(), batch.partition(), fresh);
        expected.put(batch.partition(), accepted.lastOffset() + 1);
        commits.add(accepted);
    }

    void onHeartbeat(long originTime, Map<Integer, Long> logEnds) {
        progress.onHeartbeat(originTime, logEnds);
    }

    void onRegionsCommitted(Map<String, Map<Integer, Long>> byRegion) {
        progress.onRegionsCommitted(byRegion);
    }

    /** The origin lost offsets [from, to) of a partition before this region replicated them: said loudly, counted. */
    void onGap(int partition, long from, long to) {
        metrics.gapRecords(stream(), route.origin(), to - from);
        Events.error(LOG, "replication.gap", "stream", stream(), "origin", route.origin(), "partition", partition,
                "fromOffset", from, "toOffset", to, "records", to - from,
                "fix", "raise the origin topic's retention above the longest link outage you must survive");
    }

    void onRemoteError(String code, String message) {
        retryLater(code + ": " + message);
    }

    private void subscribe() {
        if (link == null || state == State.STOPPED) {
            return;
        }
        state = State.SUBSCRIBING;
        int attempt = ++subscription;
        LinkChannel channel = link;
        // While the writers open and the positions are read after them (WriterAndPositions), the origin describes the
        // topic and the replica topic is made to match: the two chains share nothing, and running them side by side
        // takes a round trip or two off every (re)start. join, not all: a retry must not open a second writer while
        // the first is still being opened.
        commits.whenIdle()
                .compose(v -> {
                    Future<Void> positions = writerAndPositions.ready();
                    Future<Integer> replicaTopic = channel.describe(stream())
                            .compose(topic -> topics.ensure(route.replicaTopic(), topic).map(topic.partitions()));
                    return Future.join(positions, replicaTopic).map(both -> replicaTopic.result());
                })
                .onSuccess(partitions -> {
                    if (attempt != subscription || link != channel) {
                        return;
                    }
                    expected.clear();
                    expected.putAll(progress.committed());
                    state = State.REPLICATING;
                    failures = 0;
                    channel.subscribe(stream(), attempt, Map.copyOf(progress.committed()));
                    Events.info(LOG, "replication.subscribed", "stream", stream(), "origin", route.origin(),
                            "replicaTopic", route.replicaTopic(), "partitions", partitions, "positions", progress.committed());
                })
                .onFailure(failure -> {
                    if (failure instanceof RuntimeException && !(failure instanceof org.apache.kafka.common.KafkaException)) {
                        Events.error(LOG, "replication.subscribe.bug", failure, "stream", stream(), "origin", route.origin());
                    }
                    if (attempt == subscription) {
                        retryLater(failure.getMessage());
                    }
                });
    }

    private void retryLater(String reason) {
        lastError = reason;
        subscription++;
        state = State.RETRYING;
        long delay = Backoff.delayMillis(settings, ++failures);
        Events.warn(LOG, "replication.subscribe.retry", "stream", stream(), "origin", route.origin(),
                "inMs", delay, "cause", reason);
        vertx.setTimer(delay, id -> subscribe());
    }

    private void onCommitted(Map<Integer, Long> positionsAfter, int records, long bytes) {
        progress.committed(positionsAfter);
        metrics.recordsReplicated(stream(), route.origin(), records, bytes);
        metrics.transactionCommitted(stream(), route.origin());
        if (link != null && commits.queuedBytes() < QUEUE_LOW_WATER_BYTES) {
            link.onQueueDrained();
        }
    }

    private void onWriteFailed(Throwable cause) {
        metrics.transactionAborted(stream(), route.origin());
        Events.warn(LOG, "replication.txn.aborted", "stream", stream(), "origin", route.origin(),
                "cause", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        if (causedBy(cause, RecordTooLargeException.class)) {
            // Never skipped: a record dropped here would be lost for this region. It waits until an operator fixes it.
            Events.error(LOG, "replication.record.too-large", "stream", stream(), "origin", route.origin(),
                    "replicaTopic", route.replicaTopic(), "fix", "raise max.message.bytes of the replica topic or"
                            + " message.max.bytes of this region's brokers to at least the origin's; replication of this"
                            + " stream resumes by itself once it fits");
        }
        writerAndPositions.forgetPositions();  // the commit may or may not have happened: the store says which
        if (link != null) {
            // The subscription is left first: a batch the resumed link delivers at once must be refused as an answer
            // to it, not queued for a writer that is gone (it would wait forever, and the replicator with it).
            retryLater(cause.getMessage());
            link.onQueueDrained();
        }
    }

    /** Kafka reports a failed send at commit, wrapped: look through the whole cause chain. */
    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Stops replicating and releases the writer; used when the gateway shuts down. */
    Future<Void> stop() {
        state = State.STOPPED;
        link = null;
        subscription++;
        return commits.close();
    }

    /** A consistent copy of this replicator's state, for status endpoints and metrics. */
    ReplicaStatus status() {
        return new ReplicaStatus(stream(), route.origin(), route.replicaTopic(), state.name().toLowerCase(java.util.Locale.ROOT),
                lastError, progress.partitions(System.currentTimeMillis()), progress.regions(cluster.regionId()));
    }
}
