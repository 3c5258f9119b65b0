package io.meshgate.gateway.subscribe;

import io.meshgate.config.SubscriptionSettings;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counts open subscriptions, for the whole gateway instance and per client, so that one client (or a storm of
 * reconnects) cannot take every slot. Shared by all event loops.
 */
final class SubscriberAdmission {

    private final Supplier<SubscriptionSettings> limits;
    private final Map<String, Integer> perClient = new HashMap<>();
    private int total;

    SubscriberAdmission(Supplier<SubscriptionSettings> limits) {
        this.limits = limits;
    }

    /** Takes a slot for {@code client}; null when admitted, otherwise why not. */
    synchronized String admit(String client) {
        SubscriptionSettings current = limits.get();
        if (total >= current.maxSubscriptions()) {
            return "this gateway holds its maximum of " + current.maxSubscriptions() + " subscriptions"
                    + " (subscriptions.max-subscriptions); retry later or at another gateway of the region";
        }
        int held = perClient.getOrDefault(client, 0);
        if (held >= current.maxPerClient()) {
            return "client '" + client + "' already holds " + held + " subscriptions on this gateway, the most allowed"
                    + " (subscriptions.max-per-client); close some first";
        }
        perClient.put(client, held + 1);
        total++;
        return null;
    }

    synchronized void release(String client) {
        perClient.computeIfPresent(client, (key, held) -> held <= 1 ? null : held - 1);
        total = Math.max(0, total - 1);
    }

    synchronized int open() {
        return total;
    }
}
