package io.meshgate.config;

import java.time.Duration;

/**
 * What a gateway allows destination ports that subscribe over WebSocket, and how much it keeps in memory for them.
 *
 * @param maxSubscriptions     open subscriptions one gateway instance accepts at once; more are refused (close 4429)
 * @param maxPerClient         open subscriptions one client may hold on one gateway instance (a JWT subject, or a remote
 *                             host when the mesh is open)
 * @param maxFrameBytes        largest message a subscriber may send, in bytes
 * @param maxMessagesPerSecond messages a subscriber may send per second (credits, ...), averaged over a second
 * @param heartbeatInterval    how often every subscriber gets a heartbeat with its cursor and how far behind it is
 * @param ringRecords          most recent records per stream kept in memory and shared by the subscribers near the head
 * @param ringBytes            the same bound in bytes
 */
public record SubscriptionSettings(int maxSubscriptions, int maxPerClient, int maxFrameBytes, int maxMessagesPerSecond,
                                   Duration heartbeatInterval, int ringRecords, long ringBytes) {

    private static final SubscriptionSettings DEFAULTS = new SubscriptionSettings(10_000, 1_000, 64 * 1024, 100,
            Duration.ofSeconds(5), 50_000, 32L * 1024 * 1024);

    public SubscriptionSettings {
        Problems p = new Problems();
        boolean countsOk = range(p, Fields.MAX_SUBSCRIPTIONS, maxSubscriptions, 1, 1_000_000);
        countsOk &= range(p, Fields.MAX_PER_CLIENT, maxPerClient, 1, 1_000_000);
        range(p, Fields.MAX_FRAME_BYTES, maxFrameBytes, 256, 1024 * 1024);
        range(p, Fields.MAX_MESSAGES_PER_SECOND, maxMessagesPerSecond, 1, 100_000);
        range(p, Fields.RING_RECORDS, ringRecords, 100, 10_000_000);
        p.require(ringBytes >= 1024 * 1024 && ringBytes <= 16L * 1024 * 1024 * 1024, Fields.subscription(Fields.RING_BYTES),
                "ring-bytes is " + ringBytes + " but must be between 1048576 (1 MiB) and 17179869184 (16 GiB)");
        if (heartbeatInterval == null) {
            p.add(Fields.subscription(Fields.HEARTBEAT_INTERVAL), "heartbeat-interval is required, " + Durations.FORMAT_HINT);
        } else {
            p.require(heartbeatInterval.compareTo(Duration.ofMillis(100)) >= 0 && heartbeatInterval.compareTo(Duration.ofMinutes(5)) <= 0,
                    Fields.subscription(Fields.HEARTBEAT_INTERVAL), "heartbeat-interval must be between 100ms and 5m, got "
                            + Durations.format(heartbeatInterval));
        }
        if (countsOk && maxPerClient > maxSubscriptions) {
            p.add(Fields.subscription(Fields.MAX_PER_CLIENT), "max-per-client (" + maxPerClient + ") must not exceed max-subscriptions ("
                    + maxSubscriptions + "): one client cannot hold more than the whole gateway; set max-per-client to at most "
                    + maxSubscriptions);
        }
        p.throwIfAny();
    }

    /** The settings used for everything the file leaves out. */
    public static SubscriptionSettings defaults() {
        return DEFAULTS;
    }

    private static boolean range(Problems p, String key, long value, long min, long max) {
        return p.require(value >= min && value <= max, Fields.subscription(key),
                key + " is " + value + " but must be between " + min + " and " + max);
    }
}
