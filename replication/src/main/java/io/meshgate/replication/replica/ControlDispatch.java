package io.meshgate.replication.replica;

import io.meshgate.config.RegionConfig;
import io.meshgate.observability.Events;
import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.LinkProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Takes the control messages an origin sends over a link to what they concern: answers to describe requests, each
 * stream's heartbeats, gaps and errors to its replicator, and what concerns the whole link (the welcome, a link-level
 * error) back to the link. The link decides what a protocol violation costs, so a message an origin must not send,
 * or a malformed one, is thrown as a {@link LinkProtocolException}.
 *
 * <p>Not thread-safe: confined to its link's event loop.
 */
final class ControlDispatch {

    // A link's events keep the logger they were always logged under, so that filters and alerts on it still match.
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);

    private final RegionConfig peer;
    /** The link's replicator of a stream, or null; looked up per message since reloads add and remove streams. */
    private final Function<String, StreamReplicator> replicators;
    private final PendingDescribes pendingDescribes;
    private final Runnable onWelcome;
    private final Consumer<String> onLinkError;

    /**
     * @param onWelcome    the peer welcomed this gateway and is the region it should be: the link is up
     * @param onLinkError  the peer reported an error of the whole link ({@code code: message}); it closes the link next
     */
    ControlDispatch(RegionConfig peer, Function<String, StreamReplicator> replicators, PendingDescribes pendingDescribes,
                    Runnable onWelcome, Consumer<String> onLinkError) {
        this.peer = peer;
        this.replicators = replicators;
        this.pendingDescribes = pendingDescribes;
        this.onWelcome = onWelcome;
        this.onLinkError = onLinkError;
    }

    void dispatch(String text) {
        ControlMessage message = ControlMessage.parse(text);
        switch (message.type()) {
            case WELCOME -> onWelcome(message);
            case DESCRIBED -> onDescribed(message);
            case HEARTBEAT -> onHeartbeat(message);
            case GAP -> onGap(message);
            case ERROR -> onError(message);
            default -> throw new LinkProtocolException("link.message.unexpected", "an origin gateway must not send '"
                    + message.type().wireName() + "' messages");
        }
    }

    private void onWelcome(ControlMessage welcome) {
        String region = welcome.requireString("region");
        if (!region.equals(peer.id())) {
            throw new LinkProtocolException("link.peer.mismatch", "expected region '" + peer.id() + "' at "
                    + peer.gateway() + " but the gateway there says it is '" + region + "'; check the mesh config");
        }
        onWelcome.run();
    }

    private void onDescribed(ControlMessage described) {
        pendingDescribes.answer(described.requireString("stream"), DescribedTopic.from(described));
    }

    private void onHeartbeat(ControlMessage message) {
        Heartbeat heartbeat = Heartbeat.parse(message);
        heartbeat.logEnds().forEach((stream, ends) -> {
            StreamReplicator replicator = replicators.apply(stream);
            if (replicator != null) {
                replicator.onHeartbeat(heartbeat.originTime(), ends);
                Map<String, Map<Integer, Long>> committed = heartbeat.committedByStream().get(stream);
                if (committed != null) {
                    replicator.onRegionsCommitted(committed);
                }
            }
        });
    }

    private void onGap(ControlMessage gap) {
        StreamReplicator replicator = replicators.apply(gap.requireString("stream"));
        if (replicator != null) {
            replicator.onGap((int) gap.requireLong("partition"), gap.requireLong("from"), gap.requireLong("to"));
        }
    }

    private void onError(ControlMessage error) {
        String code = error.body().getString("code", "unknown");
        String message = error.body().getString("message", "");
        String stream = error.body().getString("stream");
        if ("link.stream.reshaped".equals(code)) {
            Events.info(LOG, "link.stream.reshaped", "peer", peer.id(), "stream", stream, "message", message);
        } else {
            Events.warn(LOG, "link.peer.error", "peer", peer.id(), "stream", stream, "code", code, "message", message);
        }
        if (stream == null) {
            onLinkError.accept(code + ": " + message);
            return;  // a link-level error: the peer closes the link next, and we reconnect
        }
        if (!pendingDescribes.refuse(stream, code + ": " + message) && replicators.apply(stream) != null) {
            replicators.apply(stream).onRemoteError(code, message);
        }
    }
}
