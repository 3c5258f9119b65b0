package io.meshgate.replication.origin;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;

/**
 * Which streams an origin gateway serves to which peer: only streams written in this region (replicas are never
 * re-replicated) and only to regions the stream's {@code replicate-to} selects. Anything else is refused with a
 * stream-scoped error that says which rule the request broke.
 */
final class StreamAccess {

    private StreamAccess() {
    }

    static StreamConfig check(MeshConfig mesh, String origin, String peer, String name) {
        StreamConfig stream = mesh.streams().get(name);
        if (stream == null) {
            throw new StreamRequestException(name, "link.stream.unknown", "stream '" + name
                    + "' is not defined in region '" + origin + "'s mesh config");
        }
        if (!stream.originatesIn(origin)) {
            throw new StreamRequestException(name, "link.stream.not-origin", "stream '" + name + "' does not originate in '"
                    + origin + "' (origins: " + stream.origins() + "); replicas are never re-replicated");
        }
        if (!stream.replicates(origin, peer)) {
            throw new StreamRequestException(name, "link.stream.not-replicated", "stream '" + name
                    + "' is not replicated from '" + origin + "' to '" + peer + "' in the mesh config of '" + origin + "'");
        }
        return stream;
    }
}
