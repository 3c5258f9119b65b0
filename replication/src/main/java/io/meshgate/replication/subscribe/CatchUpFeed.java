package io.meshgate.replication.subscribe;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A subscription's reading of history from Kafka while it is behind the stream's shared ring: takes a
 * {@link CatchUpReader} (waiting for one of the gateway's permits when all are out), fetches one poll at a time
 * and only once the previous poll's records are delivered, so a slow client's backlog stays in Kafka.
 *
 * <p>Shares the subscription's positions map and moves it on as records go out. Confined to the subscription's
 * context: the reader hands every result back there, and the callbacks run there.
 */
final class CatchUpFeed {

    private final SharedStream shared;
    private final Context context;
    private final Map<TopicPartition, Long> positions;
    private final Runnable onReadable;
    private final BiConsumer<TopicPartition, Long> onRemoved;
    private final Consumer<Throwable> onFailed;
    private final ArrayDeque<LocalRecord> pending = new ArrayDeque<>();
    private CatchUpReader reader;
    private Map<TopicPartition, Long> deferredPositions;
    private boolean fetching;
    private boolean awaitingReader;
    private boolean closed;

    /**
     * @param positions  the subscription's next local offsets, moved on in place
     * @param onReadable records arrived, or a reader is ready to fetch: pump again
     * @param onRemoved  retention removed what the reader was about to read in a partition; it reads on from the
     *                   given origin offset (the subscription knows where its cursor stood, so it states the gap)
     * @param onFailed   reading failed; the subscription fails with it
     */
    CatchUpFeed(SharedStream shared, Context context, Map<TopicPartition, Long> positions, Runnable onReadable,
                BiConsumer<TopicPartition, Long> onRemoved, Consumer<Throwable> onFailed) {
        this.shared = shared;
        this.context = context;
        this.positions = positions;
        this.onReadable = onReadable;
        this.onRemoved = onRemoved;
        this.onFailed = onFailed;
    }

    /** Reads on through a reader already positioned where the subscription starts. */
    void readFrom(CatchUpReader positioned) {
        reader = positioned;
    }

    /** Whether a reader is there: the subscription reads history, not the ring. */
    boolean reading() {
        return reader != null;
    }

    /** Whether a reader was asked for and is not there yet: nothing to read meanwhile. */
    boolean awaitingReader() {
        return awaitingReader;
    }

    /** Whether a poll or a seek is under way; the next one waits for it. */
    boolean fetching() {
        return fetching;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Hands fetched records to {@code deliver} while {@code room} holds; true once all are out, and then the
     * positions also move past the transaction markers the reader skipped after them (held back until now).
     */
    boolean deliverPending(BooleanSupplier room, Consumer<LocalRecord> deliver) {
        while (!pending.isEmpty() && room.getAsBoolean()) {
            deliver.accept(pending.removeFirst());
        }
        if (pending.isEmpty() && deferredPositions != null) {
            deferredPositions.forEach((partition, position) -> positions.merge(partition, position, Math::max));
            deferredPositions = null;
        }
        return pending.isEmpty();
    }

    /** Fetches the reader's next poll; {@code onReadable} hears when it is in. */
    void fetch() {
        fetching = true;
        CatchUpReader fetchingFrom = reader;
        reader.next().onComplete(result -> {
            fetching = false;
            if (closed || reader != fetchingFrom) {
                return;
            }
            if (result.failed()) {
                onFailed.accept(result.cause());
                return;
            }
            CatchUpReader.Batch batch = result.result();
            batch.resumedAfterRemoval().forEach(onRemoved);
            pending.addAll(batch.records());
            // Past transaction markers too, once the records before them are out: otherwise a reader that ends on a
            // marker would never be level with the ring.
            if (pending.isEmpty()) {
                batch.positionsAfter().forEach((partition, position) -> positions.merge(partition, position, Math::max));
            } else {
                deferredPositions = batch.positionsAfter();
            }
            onReadable.run();
        });
    }

    /** Fell behind the ring: takes a reader, once a permit is free, and positions it where the subscription stands. */
    void start() {
        awaitingReader = true;  // nothing else to do until the reader is there
        shared.catchUpReader(context).onComplete(this::onReaderAcquired);
    }

    private void onReaderAcquired(AsyncResult<CatchUpReader> acquired) {
        awaitingReader = false;
        if (acquired.failed()) {
            onFailed.accept(acquired.cause());
            return;
        }
        CatchUpReader starting = acquired.result();
        if (closed) {
            starting.close();
            return;
        }
        reader = starting;
        fetching = true;
        starting.startAt(new HashMap<>(positions)).onComplete(positioned -> onPositioned(starting, positioned));
    }

    private void onPositioned(CatchUpReader starting, AsyncResult<Void> positioned) {
        fetching = false;
        if (closed || reader != starting) {
            return;  // closed, or back on the ring, while the reader was seeking
        }
        if (positioned.failed()) {
            onFailed.accept(positioned.cause());
        } else {
            onReadable.run();
        }
    }

    /** Back on the ring: the reader and its permit go back. */
    void release() {
        if (reader != null) {
            reader.close();
            reader = null;
            fetching = false;
        }
    }

    /** The subscription is closed: the reader goes, and one still being acquired is closed as soon as it comes. */
    void close() {
        closed = true;
        release();
    }

    /** The timestamp of the first fetched record from {@code origin} not delivered yet, or null. */
    Long oldestPending(String origin) {
        return pending.stream().filter(record -> record.origin().equals(origin)).findFirst()
                .map(LocalRecord::timestamp).orElse(null);
    }
}
