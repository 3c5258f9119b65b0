package io.meshgate.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Attribute sets of the replication counters, built once per (stream, origin) and then reused, because the
 * replication path records on every batch and should not allocate to do so.
 *
 * <p>Thread-safe. Lookups on a cached pair allocate nothing: two nested maps avoid building a composite key.
 * The cache never shrinks; it is bounded by the configured streams times their origins.
 */
final class ReplicationAttributes {

    static final AttributeKey<String> STREAM = AttributeKey.stringKey("stream");
    static final AttributeKey<String> ORIGIN = AttributeKey.stringKey("origin");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

    /** The attribute sets of one (stream, origin). */
    record ForStreamOrigin(Attributes streamOrigin, Attributes committed, Attributes aborted) {

        static ForStreamOrigin of(String stream, String origin) {
            Attributes base = Attributes.of(STREAM, stream, ORIGIN, origin);
            return new ForStreamOrigin(
                    base,
                    base.toBuilder().put(OUTCOME, "committed").build(),
                    base.toBuilder().put(OUTCOME, "aborted").build());
        }
    }

    private final ConcurrentMap<String, ConcurrentMap<String, ForStreamOrigin>> byStream = new ConcurrentHashMap<>();

    ForStreamOrigin of(String stream, String origin) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(origin, "origin");
        // get() before computeIfAbsent(): the hit is the common case and need not create a capturing lambda.
        ConcurrentMap<String, ForStreamOrigin> byOrigin = byStream.get(stream);
        if (byOrigin == null) {
            byOrigin = byStream.computeIfAbsent(stream, s -> new ConcurrentHashMap<>());
        }
        ForStreamOrigin attributes = byOrigin.get(origin);
        if (attributes == null) {
            attributes = byOrigin.computeIfAbsent(origin, o -> ForStreamOrigin.of(stream, o));
        }
        return attributes;
    }
}
