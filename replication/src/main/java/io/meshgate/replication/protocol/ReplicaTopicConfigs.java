package io.meshgate.replication.protocol;

import java.util.List;

/**
 * Which topic configs a replica takes from its origin topic. The origin sends their effective values in
 * {@code described}; the receiver applies them when it creates the replica and again on every subscribe, so a
 * change at the origin (a longer retention, say) reaches the replica the next time the link subscribes.
 */
public final class ReplicaTopicConfigs {

    /** Effective origin values copied to the replica. */
    public static final List<String> COPIED_FROM_ORIGIN = List.of(
            "cleanup.policy",
            "retention.ms",
            "retention.bytes",
            "compression.type",
            "max.message.bytes",
            "min.compaction.lag.ms",
            "delete.retention.ms");

    /**
     * Always set on replicas, whatever the origin says: replicas keep the origin's record timestamps, which a
     * {@code LogAppendTime} replica would overwrite.
     */
    public static final String TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String TIMESTAMP_TYPE_VALUE = "CreateTime";

    private ReplicaTopicConfigs() {
    }
}
