package io.meshgate.replication.origin;

import io.meshgate.replication.LocalCluster;
import io.vertx.core.Future;

import java.util.List;

/** An origin topic as a peer needs to know it to create a matching replica. */
record OriginTopic(String name, int partitions) {

    static Future<OriginTopic> describe(LocalCluster cluster, String topic) {
        return cluster.admin().describeTopics(List.of(topic))
                .map(descriptions -> new OriginTopic(topic, descriptions.get(topic).getPartitions().size()));
    }
}
