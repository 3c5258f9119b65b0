package io.meshgate.replication.subscribe;

/**
 * Where a {@link StreamSubscription} puts what it reads: typically a client's WebSocket. Called on the
 * subscription's context only.
 */
public interface SubscriptionSink {

    /** Whether the client can take more now; when it cannot, call {@link StreamSubscription#resume()} once it can. */
    boolean writable();

    /**
     * The next event. {@code shared} is the ring entry when {@code event} is the very one every subscriber in step
     * with the stream's head gets (render it once through {@link RingEntry#sharedRendering}), null otherwise.
     */
    void event(StreamEvent event, RingEntry shared);

    /** Records the subscriber's cursor wanted are gone here; {@code cursor} resumes after the gap. */
    void gap(Gap gap, String cursor);

    /**
     * A burst of {@link #event}s and {@link #gap}s follows, ended by {@link #burstEnded()}: a sink may hold what it
     * writes until then and send the whole burst at once (one system call, not one per event).
     */
    default void burstStarted() {
    }

    /** The burst announced by {@link #burstStarted()} is over; also called when it wrote nothing. */
    default void burstEnded() {
    }

    /** Reading failed; the subscription is closed. The client resumes with its last cursor. */
    void failed(Throwable failure);
}
