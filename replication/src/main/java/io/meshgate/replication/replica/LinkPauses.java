package io.meshgate.replication.replica;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * When a link stops being read because a replica holds more than it can write soon, and when it may be read again.
 * The pause itself is TCP backpressure, which carries it to the origin, so the owner pauses and resumes its socket
 * when told to; this keeps the count and start of pauses for the link's status, and says so when one lasts long.
 *
 * <p>Not thread-safe: confined to its link's event loop.
 */
final class LinkPauses {

    // A link's events keep the logger they were always logged under, so that filters and alerts on it still match.
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);

    private final String peer;
    private final long longAfterMillis;
    private final LongSupplier clock;
    private boolean paused;
    /** When the current pause began (0 while reading), how many pauses so far, and whether this one was reported. */
    private long pausedSinceMillis;
    private long count;
    private boolean longPauseReported;

    /** {@code longAfter}: the link's idle timeout; see {@link #reportIfLong}. */
    LinkPauses(String peer, Duration longAfter) {
        this(peer, longAfter, System::currentTimeMillis);
    }

    LinkPauses(String peer, Duration longAfter, LongSupplier clock) {
        this.peer = peer;
        this.longAfterMillis = longAfter.toMillis();
        this.clock = clock;
    }

    /** A replica's queue now holds {@code queuedBytes}: true if the link must stop being read now. */
    boolean pauseIfFull(long queuedBytes) {
        if (paused || queuedBytes <= StreamReplicator.QUEUE_HIGH_WATER_BYTES) {
            return false;
        }
        paused = true;
        count++;
        pausedSinceMillis = clock.getAsLong();
        longPauseReported = false;
        return true;
    }

    /**
     * A replica's queue drained: true if the link was paused and may be read again now, which is once every
     * replica's queue (given by {@code queuedBytes}) is below the low-water mark, not only the one that drained.
     */
    boolean resumeIfDrained(LongStream queuedBytes) {
        if (!paused || !queuedBytes.allMatch(bytes -> bytes < StreamReplicator.QUEUE_LOW_WATER_BYTES)) {
            return false;
        }
        paused = false;
        if (longPauseReported) {
            Events.info(LOG, "link.resumed", "peer", peer, "pausedMs", clock.getAsLong() - pausedSinceMillis);
        }
        pausedSinceMillis = 0;
        return true;
    }

    /**
     * A pause lasts as long as the local cluster takes to write what is queued: far less than an idle timeout. One
     * that lasts longer is said once, with what each replica holds ({@code held}, asked only then), so a link that
     * stays paused is not silent.
     */
    void reportIfLong(Supplier<Map<String, String>> held) {
        long pausedFor = clock.getAsLong() - pausedSinceMillis;
        if (!paused || longPauseReported || pausedFor <= longAfterMillis) {
            return;
        }
        longPauseReported = true;
        Events.warn(LOG, "link.paused.long", "peer", peer, "pausedMs", pausedFor, "replicas", held.get(),
                "resumesBelowBytes", StreamReplicator.QUEUE_LOW_WATER_BYTES);
    }

    /** The link dropped: a pause ends with the connection it held back. */
    void reset() {
        paused = false;
        pausedSinceMillis = 0;
    }

    boolean paused() {
        return paused;
    }

    /** How often the link was paused since it was created. */
    long count() {
        return count;
    }

    /** When the current pause began; 0 while the link is read. */
    long pausedSinceMillis() {
        return paused ? pausedSinceMillis : 0;
    }
}
