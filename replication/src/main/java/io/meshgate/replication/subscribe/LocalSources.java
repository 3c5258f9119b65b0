package io.meshgate.replication.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a stream's records live in this region: each origin's share is either the origin topic itself (the
 * stream is written here) or that origin's replica topic. Origins whose share this region does not receive are
 * left out; a subscriber here sees the rest.
 */
record LocalSources(List<Source> sources) {

    /** One origin's share, readable here in {@code topic}. */
    record Source(String origin, String topic, boolean originTopic) {
    }

    static LocalSources of(MeshConfig mesh, String region, StreamConfig stream) {
        List<Source> sources = new ArrayList<>();
        for (String origin : stream.origins()) {
            if (origin.equals(region)) {
                sources.add(new Source(origin, stream.topic(), true));
            } else if (stream.replicates(origin, region)) {
                sources.add(new Source(origin, mesh.replicaTopic(stream, origin), false));
            }
        }
        return new LocalSources(List.copyOf(sources));
    }

    /** Every partition of every source topic that exists now (a replica topic may not exist yet). */
    List<org.apache.kafka.common.TopicPartition> partitions(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                                           java.time.Duration timeout) {
        List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
        for (Source source : sources) {
            List<org.apache.kafka.common.PartitionInfo> infos = consumer.partitionsFor(source.topic(), timeout);
            if (infos != null) {
                infos.forEach(info -> partitions.add(new org.apache.kafka.common.TopicPartition(source.topic(), info.partition())));
            }
        }
        return partitions;
    }

    /**
     * Assigns to {@code consumer}, from their beginning, the partitions that appeared since it was assigned (a
     * replica topic created after the reader started, partitions added at the origin); returns where they start.
     */
    Map<org.apache.kafka.common.TopicPartition, Long> assignNew(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                                               java.time.Duration timeout) {
        java.util.Set<org.apache.kafka.common.TopicPartition> assigned = new java.util.HashSet<>(consumer.assignment());
        List<org.apache.kafka.common.TopicPartition> added = partitions(consumer, timeout).stream()
                .filter(partition -> !assigned.contains(partition)).toList();
        if (added.isEmpty()) {
            return Map.of();
        }
        Map<org.apache.kafka.common.TopicPartition, Long> beginnings = consumer.beginningOffsets(added, timeout);
        assigned.addAll(added);
        consumer.assign(assigned);
        beginnings.forEach(consumer::seek);
        return beginnings;
    }

    Source byTopic(String topic) {
        return sources.stream().filter(source -> source.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no source for topic " + topic));
    }
}
