package io.meshgate.replication.replica;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.HashMap;
import java.util.Map;

/** Describe requests a link sent and awaits an answer to, at most one per stream. Confined to the link's event loop. */
final class PendingDescribes {

    private final Map<String, Promise<DescribedTopic>> pending = new HashMap<>();

    /** Registers a request; an older one for the same stream fails, since only the newest answer matters. */
    Future<DescribedTopic> expect(String stream) {
        Promise<DescribedTopic> promise = Promise.promise();
        Promise<DescribedTopic> previous = pending.put(stream, promise);
        if (previous != null) {
            previous.tryFail("superseded by a newer describe");
        }
        return promise.future();
    }

    void answer(String stream, DescribedTopic topic) {
        Promise<DescribedTopic> promise = pending.remove(stream);
        if (promise != null) {
            promise.tryComplete(topic);
        }
    }

    /** Fails the request for {@code stream}; false if there was none, so the error concerns something else. */
    boolean refuse(String stream, String reason) {
        Promise<DescribedTopic> promise = pending.remove(stream);
        return promise != null && promise.tryFail(reason);
    }

    void failAll(String reason) {
        pending.values().forEach(promise -> promise.tryFail(reason));
        pending.clear();
    }
}
