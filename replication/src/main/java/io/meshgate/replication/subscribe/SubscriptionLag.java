package io.meshgate.replication.subscribe;

import io.meshgate.replication.subscribe.StreamSubscription.Behind;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How far one subscriber is behind this region's copy of a stream, per origin: in records, from where it stands
 * and the log ends; and in time, from the oldest record it has not had yet or, when it has had them all, from how
 * far the region's copy itself is behind the origin. A subscriber that is level with this region can still be far
 * behind the origin, and the client should hear so.
 */
final class SubscriptionLag {

    private SubscriptionLag() {
    }

    /**
     * @param standing          the subscriber's next local offset per partition (absent: 0)
     * @param logEnds           the log end offset of every local partition of the stream
     * @param originOf          the origin whose share a local partition holds
     * @param oldestUndelivered timestamp of the oldest record of an origin not delivered yet, or null; only asked
     *                          about origins with records behind
     * @param replicaLagMs      how far this region's copy of an origin is behind the origin, or null when unknown
     * @param now               the time to measure ages against
     */
    static Map<String, Behind> perOrigin(Map<TopicPartition, Long> standing, Map<TopicPartition, Long> logEnds,
                                         Function<TopicPartition, String> originOf, Function<String, Long> oldestUndelivered,
                                         Function<String, Long> replicaLagMs, long now) {
        Map<String, Long> records = new HashMap<>();
        logEnds.forEach((partition, end) -> records.merge(originOf.apply(partition),
                Math.max(0, end - standing.getOrDefault(partition, 0L)), Long::sum));
        Map<String, Behind> behind = new HashMap<>();
        records.forEach((origin, count) -> {
            Long oldest = count == 0 ? null : oldestUndelivered.apply(origin);
            Long backlog = oldest == null ? null : Math.max(0, now - oldest);
            Long replicaLag = replicaLagMs.apply(origin);
            behind.put(origin, new Behind(count, millisBehind(count, backlog, replicaLag)));
        });
        return behind;
    }

    /**
     * The age of the oldest record not delivered yet, or when there is none, how far this region's copy is behind
     * the origin (the replica's lag); the greater of the two when both are known; null when neither is.
     */
    static Long millisBehind(long records, Long backlog, Long replicaLag) {
        if (backlog == null) {
            return records == 0 ? replicaLag : null;
        }
        return replicaLag == null ? backlog : Long.valueOf(Math.max(backlog, replicaLag));
    }
}
