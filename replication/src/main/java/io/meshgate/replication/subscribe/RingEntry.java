package io.meshgate.replication.subscribe;

import io.meshgate.replication.position.Cursor;

import java.util.function.Supplier;

/**
 * A record in a stream's shared ring, with the cursor that stands right after it for a reader that has read the
 * ring in order (every subscriber "in step" with the tail). Such subscribers share one {@link StreamEvent} and one
 * rendering of it, so a thousand subscribers cost one encoding per record, not a thousand.
 *
 * <p>Read by many event loops at once: the fields are final and the lazily built parts are idempotent (two threads
 * may build the same value; either result is right).
 */
public final class RingEntry {

    final long seq;
    final LocalRecord record;
    final Cursor cursorAfter;
    private final String stream;
    private volatile StreamEvent event;
    private volatile Object rendering;

    RingEntry(long seq, String stream, LocalRecord record, Cursor cursorAfter) {
        this.seq = seq;
        this.stream = stream;
        this.record = record;
        this.cursorAfter = cursorAfter;
    }

    /** The event with the in-step cursor. */
    StreamEvent event() {
        StreamEvent built = event;
        if (built == null) {
            built = record.event(stream, cursorAfter.token());
            event = built;
        }
        return built;
    }

    /**
     * The one rendering of this entry's event shared by every in-step subscriber that renders it the same way
     * (the caller decides what "the same way" is; typically: no projection).
     */
    @SuppressWarnings("unchecked")
    public <T> T sharedRendering(Supplier<T> render) {
        Object built = rendering;
        if (built == null) {
            built = render.get();
            rendering = built;
        }
        return (T) built;
    }
}
