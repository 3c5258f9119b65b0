package io.meshgate.client;

/**
 * Credit accounting for one connection. The window bounds what the gateway may send that the handler has not
 * finished with: credit the gateway still holds plus events received and not yet consumed. Consumed events return
 * their credit in batches of at least half the window, so a fast stream costs one credit message per half window,
 * not one per event.
 */
final class CreditWindow {

    private final int window;
    private final int batch;
    private long granted;
    private long received;
    private long consumed;

    CreditWindow(int window) {
        this.window = window;
        this.batch = Math.max(1, window / 2);
        this.granted = window;
    }

    /** The credit to ask for on the subscribe URL. */
    int initial() {
        return window;
    }

    /** Counts an event from the gateway; false when the gateway sent more than it was granted. */
    boolean received() {
        received++;
        return received <= granted;
    }

    /** Counts an event the handler finished with; returns the credit to grant now, or 0 to wait for more. */
    int consumed() {
        consumed++;
        long free = window - (granted - consumed);
        if (free < batch) {
            return 0;
        }
        granted += free;
        return (int) free;
    }

    /** Events the gateway may still send plus events received and not consumed; never more than the window. */
    long outstanding() {
        return granted - consumed;
    }
}
