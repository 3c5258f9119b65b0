package io.meshgate.replication.subscribe;

import io.meshgate.replication.position.Cursor;
import io.vertx.core.Context;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One subscriber's reading of a stream on this gateway. Near the head it reads the stream's shared ring (no Kafka
 * consumer of its own: an idle subscriber is a few positions); further back it reads history through its
 * {@link CatchUpFeed} until the ring covers it again. Delivers only as much as the client granted and only while
 * the client's connection has room, so a slow client's backlog stays in Kafka.
 *
 * <p>Confined to its context (the client connection's event loop): call every method there.
 */
public final class StreamSubscription {

    private static final int RING_READ_BATCH = 256;
    private static final int TIMESTAMP_SCAN_LIMIT = 10_000;

    /** How far behind the head of this region's copy of one origin's share the subscriber is. */
    public record Behind(long records, Long millis) {
    }

    private final SharedStream shared;
    private final Context context;
    private final Predicate<StreamEvent> filter;
    private final SubscriptionSink sink;
    private final Map<TopicPartition, Long> positions;
    private final CatchUpFeed history;
    private final ArrayDeque<Gap> gaps = new ArrayDeque<>();
    private Cursor cursor;
    private boolean inStep;
    private long nextSeq;
    private boolean pumping;
    private boolean closed;
    private long credit;

    StreamSubscription(SharedStream shared, Context context, Predicate<StreamEvent> filter, SubscriptionSink sink,
                       Map<TopicPartition, Long> positions, Cursor cursor) {
        this.shared = shared;
        this.context = context;
        this.filter = filter;
        this.sink = sink;
        this.positions = new HashMap<>(positions);
        this.cursor = cursor;
        this.history = new CatchUpFeed(shared, context, this.positions, this::pump, this::gapUntil, this::fail);
    }

    /** Starts reading the ring at the head: the subscriber is in step with the stream from the start. */
    void attachAtHead(long seq) {
        nextSeq = seq;
        inStep = true;
    }

    /** Starts reading history through {@code catchUp}, stating the gaps before the start first. */
    void catchUp(CatchUpReader catchUp, List<Gap> startGaps) {
        history.readFrom(catchUp);
        gaps.addAll(startGaps);
    }

    Context context() {
        return context;
    }

    /** The cursor after the last event delivered (or skipped by the filter). */
    public Cursor cursor() {
        return cursor;
    }

    /** Lets the subscription deliver {@code events} more events. */
    public void grant(long events) {
        credit += events;
        pump();
    }

    /** The client's connection has room again. */
    public void resume() {
        pump();
    }

    /** Per origin: records this region holds that the subscriber has not had yet, and how old the oldest of them is. */
    public Map<String, Behind> behind() {
        long now = System.currentTimeMillis();
        return SubscriptionLag.perOrigin(standing(), shared.logEnds(), shared::origin, this::oldestUndelivered,
                shared::replicaLagMs, now);
    }

    /** Where the subscriber stands for counting what it has not had: its positions, or the head's when level with it. */
    private Map<TopicPartition, Long> standing() {
        EventRing ring = shared.ring();
        if (!history.reading() && !history.awaitingReader() && nextSeq >= ring.nextSeq()) {
            // Level with the shared head: stand where the head's reader stands, past any transaction markers.
            Map<TopicPartition, Long> level = new HashMap<>(positions);
            ring.headPositions().forEach((partition, head) -> level.merge(partition, head, Math::max));
            return level;
        }
        return positions;
    }

    public void close() {
        if (!closed) {
            closed = true;
            history.close();
            shared.leave(this);
        }
    }

    /** Fails the subscription from outside (the stream's tail stopped). */
    void fail(Throwable failure) {
        if (!closed) {
            close();
            sink.failed(failure);
        }
    }

    void pump() {
        if (closed || pumping) {
            return;
        }
        pumping = true;
        sink.burstStarted();
        try {
            while (!gaps.isEmpty() && !closed) {
                announce(gaps.removeFirst());
            }
            boolean progress = true;
            while (progress && !closed && credit > 0 && sink.writable()) {
                progress = history.awaitingReader() ? false : history.reading() ? readCatchUp() : readRing();
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            pumping = false;
            sink.burstEnded();
        }
    }

    private boolean readRing() {
        EventRing ring = shared.ring();
        List<RingEntry> entries = ring.read(nextSeq, RING_READ_BATCH);
        if (entries == null) {
            long joinAt = ring.joinFrom(positions);
            if (joinAt >= 0) {
                rejoinRing(joinAt);
                return true;
            }
            history.start();
            return false;
        }
        for (RingEntry entry : entries) {
            if (credit <= 0 || !sink.writable()) {
                return false;
            }
            nextSeq = entry.seq + 1;
            LocalRecord record = entry.record;
            if (record.localOffset() < positions.getOrDefault(record.local(), 0L)) {
                continue;  // had it already, from history
            }
            positions.put(record.local(), record.localOffset() + 1);
            if (inStep) {
                cursor = entry.cursorAfter;
                offer(entry.event(), entry);
            } else {
                cursor = cursor.advance(record.origin(), record.partition(), record.originOffset());
                inStep = cursor.samePositions(entry.cursorAfter);
                offer(record.event(shared.stream(), cursor.token()), null);
            }
        }
        return !entries.isEmpty();
    }

    private boolean readCatchUp() {
        if (history.fetching()) {
            return false;
        }
        if (history.hasPending()) {
            return history.deliverPending(() -> credit > 0 && sink.writable(), this::offerFromHistory);
        }
        long joinAt = shared.ring().joinFrom(positions);
        if (joinAt >= 0) {
            history.release();
            rejoinRing(joinAt);
            return true;
        }
        history.fetch();
        return false;
    }

    private void offerFromHistory(LocalRecord record) {
        if (record.localOffset() >= positions.getOrDefault(record.local(), 0L)) {
            positions.put(record.local(), record.localOffset() + 1);
            cursor = cursor.advance(record.origin(), record.partition(), record.originOffset());
            offer(record.event(shared.stream(), cursor.token()), null);
        }
    }

    private void offer(StreamEvent event, RingEntry sharedEntry) {
        if (filter.test(event)) {
            credit--;
            sink.event(event, sharedEntry);
        }
    }

    private void gapUntil(TopicPartition partition, long resumedAt) {
        String origin = shared.origin(partition);
        long from = cursor.nextOffset(origin, partition.partition());
        if (resumedAt > from) {
            gaps.add(new Gap(shared.stream(), origin, partition.partition(), from, resumedAt));
        }
    }

    private void announce(Gap gap) {
        cursor = cursor.advance(gap.origin(), gap.partition(), gap.toOffset() - 1);
        sink.gap(gap, cursor.token());
    }

    /** Reads the ring on from {@code seq}, which {@link EventRing#joinFrom} found to cover every position. */
    private void rejoinRing(long seq) {
        nextSeq = seq;
        inStep = false;
    }

    private Long oldestUndelivered(String origin) {
        if (!history.reading()) {
            return shared.ring().firstTimestamp(nextSeq, origin, TIMESTAMP_SCAN_LIMIT);
        }
        return history.oldestPending(origin);
    }
}
