package io.meshgate.client;

import java.net.URI;
import java.time.Duration;

/**
 * A subscriber's new state.
 *
 * @param state   the new state
 * @param gateway the gateway it concerns: being connected to, connected to, or just lost; null when none
 * @param reason  why, in words (for RECONNECTING and CLOSED), else null
 * @param retryIn for RECONNECTING, the delay before the next attempt; else {@link Duration#ZERO}
 */
public record StateChange(SubscriberState state, URI gateway, String reason, Duration retryIn) {
}
