package io.meshgate.replication.origin;

import io.meshgate.replication.KafkaFutures;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.ReplicaTopicConfigs;
import io.vertx.core.Future;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An origin topic as a peer needs to know it to create a matching replica: its partition count and the configs
 * that make a replica behave like its origin (compaction, retention, compression, maximum record size).
 */
record OriginTopic(String name, int partitions, Map<String, String> configs) {

    OriginTopic {
        configs = Map.copyOf(configs);
    }

    static Future<OriginTopic> describe(LocalCluster cluster, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Future<Integer> partitions = KafkaFutures.on(cluster.vertx(),
                cluster.kafkaAdmin().describeTopics(List.of(topic)).allTopicNames())
                .map(descriptions -> descriptions.get(topic).partitions().size());
        Future<Config> config = KafkaFutures.on(cluster.vertx(),
                cluster.kafkaAdmin().describeConfigs(List.of(resource)).all())
                .map(configs -> configs.get(resource));
        return Future.all(partitions, config)
                .map(both -> new OriginTopic(topic, partitions.result(), relevant(config.result())));
    }

    private static Map<String, String> relevant(Config config) {
        Map<String, String> relevant = new LinkedHashMap<>();
        for (String name : ReplicaTopicConfigs.COPIED_FROM_ORIGIN) {
            ConfigEntry entry = config.get(name);
            if (entry != null && entry.value() != null) {
                relevant.put(name, entry.value());
            }
        }
        return relevant;
    }
}
