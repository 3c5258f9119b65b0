package io.meshgate.config;

import java.util.Objects;

/**
 * One origin's part of a stream, as a receiving region sees it: the receiving gateway subscribes to
 * {@code stream} at {@code origin}'s gateway and writes the records into {@code replicaTopic} in its
 * own cluster.
 *
 * @param stream       the stream being replicated
 * @param origin       the region whose writes this route carries; one of {@code stream.origins()}
 * @param replicaTopic the topic the records land in, in the receiving region's cluster
 */
public record StreamRoute(StreamConfig stream, String origin, String replicaTopic) {

    public StreamRoute {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(replicaTopic, "replicaTopic");
        if (!stream.originatesIn(origin)) {
            throw new IllegalArgumentException("stream '" + stream.name() + "' does not originate in '" + origin
                    + "' (origins: " + String.join(", ", stream.origins()) + ")");
        }
    }

    /** The origin's local topic this route reads from. */
    public String sourceTopic() {
        return stream.topic();
    }
}
