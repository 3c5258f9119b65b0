package io.meshgate.replication.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;

import java.util.ArrayList;
import java.util.List;

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

    Source byTopic(String topic) {
        return sources.stream().filter(source -> source.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no source for topic " + topic));
    }
}
