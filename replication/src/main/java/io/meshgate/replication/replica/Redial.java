package io.meshgate.replication.replica;

import io.meshgate.config.LinkSettings;

/**
 * When a link dials its peer again after a failed or lost connection. Normally the exponential {@link Backoff}.
 * But two gateways of a mesh are often started together, and then the first dial of the faster one is refused
 * only because the peer's gateway does not listen yet: doubling the wait from there would keep the link down
 * for up to a second after the peer is ready. So until the link has been up once, a refused connection is
 * retried after the first backoff step (the configured initial delay, jittered) for up to
 * {@value #QUICK_RETRIES} times; after that, and for every other failure, the backoff doubles as usual.
 *
 * <p>Not thread-safe: confined to its link's event loop.
 */
final class Redial {

    /** About 1.2 s of quick retries with the default 200 ms initial delay: long enough for a peer's start-up. */
    static final int QUICK_RETRIES = 8;

    private final LinkSettings settings;
    private boolean connectedOnce;
    private int quickRetries;
    private int attempts;

    Redial(LinkSettings settings) {
        this.settings = settings;
    }

    /** The delay before the next dial, after a failure; {@code refused} when the peer's port refused the connection. */
    long delayAfterFailure(boolean refused) {
        if (refused && !connectedOnce && quickRetries < QUICK_RETRIES) {
            quickRetries++;
            return Backoff.delayMillis(settings, 1);
        }
        return Backoff.delayMillis(settings, ++attempts);
    }

    /** The link is up: the next failure starts the backoff from its initial delay again. */
    void connected() {
        connectedOnce = true;
        attempts = 0;
    }
}
