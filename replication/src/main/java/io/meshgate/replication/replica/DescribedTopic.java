package io.meshgate.replication.replica;

import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.LinkProtocolException;
import io.meshgate.replication.protocol.ReplicaTopicConfigs;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/** What an origin said about a stream's topic: the shape its replica must have. */
record DescribedTopic(int partitions, Map<String, String> configs) {

    DescribedTopic {
        configs = Map.copyOf(configs);
    }

    /**
     * Reads a {@code described} message. Only the configs meshgate copies are taken: an origin cannot make a
     * receiver set arbitrary topic configs in its cluster.
     */
    static DescribedTopic from(ControlMessage described) {
        long partitions = described.requireLong("partitions");
        if (partitions < 1 || partitions > 100_000) {
            throw new LinkProtocolException("link.message.invalid", "'described' has an impossible partition count "
                    + partitions);
        }
        Map<String, String> configs = new HashMap<>();
        Object given = described.body().getValue("configs");
        if (given instanceof JsonObject json) {
            for (String name : ReplicaTopicConfigs.COPIED_FROM_ORIGIN) {
                if (json.getValue(name) instanceof String value) {
                    configs.put(name, value);
                }
            }
        } else if (given != null) {
            throw new LinkProtocolException("link.message.invalid", "'described' field 'configs' must be an object");
        }
        return new DescribedTopic((int) partitions, configs);
    }
}
