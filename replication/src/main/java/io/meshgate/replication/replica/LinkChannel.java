package io.meshgate.replication.replica;

import io.vertx.core.Future;

import java.util.Map;

/** What a {@link StreamReplicator} needs from the link it is attached to. */
interface LinkChannel {

    /** Asks the origin for the stream's topic; completes with the shape its replica must have. */
    Future<DescribedTopic> describe(String stream);

    /** Subscribes from the given positions; batches will carry {@code subscription}. */
    void subscribe(String stream, int subscription, Map<Integer, Long> positions);

    /** A replicator's queue went below its low-water mark: reading from the link may resume. */
    void onQueueDrained();
}
