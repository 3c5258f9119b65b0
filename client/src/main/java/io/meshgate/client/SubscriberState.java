package io.meshgate.client;

/** Where a {@link MeshSubscriber} stands; every change is reported as a {@link StateChange}. */
public enum SubscriberState {
    /** Choosing a gateway and opening a subscription there. */
    CONNECTING,
    /** Subscribed: events flow from the gateway named in the change. */
    CONNECTED,
    /** The connection ended (the change says why); a new one opens after the backoff delay. */
    RECONNECTING,
    /** Stopped for good: closed by the application, or refused by a gateway (see {@link MeshSubscriber#done()}). */
    CLOSED
}
