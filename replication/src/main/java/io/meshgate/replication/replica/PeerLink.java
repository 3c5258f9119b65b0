package io.meshgate.replication.replica;

import io.meshgate.config.LinkSettings;
import io.meshgate.config.RegionConfig;
import io.meshgate.observability.Events;
import io.meshgate.observability.MeshMetrics;
import io.meshgate.replication.protocol.LinkCredentials;
import io.meshgate.replication.protocol.LinkProtocol;
import io.meshgate.replication.protocol.LinkProtocolException;
import io.meshgate.replication.protocol.RecordBatch;
import io.meshgate.replication.protocol.RecordBatchCodec;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The receiving half of a link: this gateway's connection to one origin peer, carrying every stream this region
 * replicates from it. Connects, says hello, attaches its {@link StreamReplicator}s, passes them batches and
 * heartbeats, and reconnects with backoff whenever the link drops or goes silent (a half-open connection
 * is noticed by the idle timeout, not by TCP).
 *
 * <p>Confined to one event loop: the context that called {@link #start()}.
 */
public final class PeerLink implements LinkChannel {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);

    /** Link states as {@code /v1/mesh} and {@code meshgate_link_state} show them. */
    public enum State { CONNECTING, UP, DOWN, STOPPED }

    private final Vertx vertx;
    private final String localRegion;
    private final String instanceId;
    private final RegionConfig peer;
    private final LinkSettings settings;
    private final MeshMetrics metrics;
    private final LinkReplicators replicators;
    private final PendingDescribes pendingDescribes = new PendingDescribes();
    private final ControlDispatch control;
    private final LinkDialer dialer;
    private final Runnable onStateChange;
    private PeerSocket socket;
    private State state = State.DOWN;
    private long stateSince = System.currentTimeMillis();
    private String lastError;
    private final Redial redial;
    private final LinkPauses pauses;
    private long reconnects;
    private long timer = -1;

    public PeerLink(Vertx vertx, String localRegion, String instanceId, RegionConfig peer, LinkSettings settings,
                    LinkCredentials credentials, MeshMetrics metrics, List<StreamReplicator> replicators,
                    Runnable onStateChange) {
        this.onStateChange = onStateChange;
        this.vertx = vertx;
        this.localRegion = localRegion;
        this.instanceId = instanceId;
        this.peer = peer;
        this.settings = settings;
        this.metrics = metrics;
        this.replicators = new LinkReplicators(peer.id(), replicators);
        this.dialer = new LinkDialer(vertx, localRegion, peer, settings, credentials);
        this.redial = new Redial(settings);
        this.pauses = new LinkPauses(peer.id(), settings.idleTimeout());
        this.control = new ControlDispatch(peer, this.replicators::get, pendingDescribes, this::onWelcomed,
                linkError -> lastError = linkError);
    }

    public String peerRegion() {
        return peer.id();
    }

    public void start() {
        long interval = settings.heartbeatInterval().toMillis();
        timer = vertx.setPeriodic(interval, interval, id -> onTick());
        connect();
    }

    private void connect() {
        if (state == State.STOPPED) {
            return;
        }
        setState(State.CONNECTING);
        dialer.dial()
                .onSuccess(this::onConnected)
                .onFailure(failure -> onDisconnected("connect failed: " + failure.getMessage(),
                        failure instanceof ConnectException && !(failure instanceof ConnectTimeoutException)));
    }

    private void onConnected(WebSocket connected) {
        if (state == State.STOPPED) {
            connected.close(LinkProtocol.CLOSE_GOING_AWAY, "gateway stopping");
            return;
        }
        PeerSocket opened = new PeerSocket(connected);
        socket = opened;
        opened.listen(() -> socket == opened, this::onText, this::onBatch, how -> onDisconnected("closed by peer" + how));
        connected.exceptionHandler(failure -> Events.warn(LOG, "link.error", "peer", peer.id(), "cause", failure.getMessage()));
        opened.hello(localRegion, instanceId);
    }

    private void onText(String text) {
        socket.heard();
        try {
            control.dispatch(text);
        } catch (LinkProtocolException e) {
            failLink(e);
        }
    }

    private void onWelcomed() {
        redial.connected();
        lastError = null;  // the log keeps the history; status shows what is wrong now
        setState(State.UP);
        Events.info(LOG, "link.connected", "peer", peer.id(), "url", peer.gateway(), "streams", replicators.streams());
        replicators.all().forEach(replicator -> replicator.attach(this));
    }

    private void onBatch(Buffer frame) {
        socket.heard();
        RecordBatch batch;
        StreamReplicator replicator;
        try {
            batch = RecordBatchCodec.decode(frame);
            replicator = replicators.forBatchOf(batch.stream());
        } catch (LinkProtocolException e) {
            failLink(e);
            return;
        }
        if (replicator == null) {
            return;  // of a stream this link no longer carries, sent before the origin heard of it
        }
        replicator.accept(batch);
        if (pauses.pauseIfFull(replicator.queuedBytes())) {
            socket.pause();
        }
    }

    @Override
    public Future<DescribedTopic> describe(String stream) {
        if (socket == null || state != State.UP) {
            return Future.failedFuture("link to '" + peer.id() + "' is not up");
        }
        Future<DescribedTopic> answer = pendingDescribes.expect(stream);
        socket.describe(stream);
        return answer;
    }

    @Override
    public void subscribe(String stream, int subscription, Map<Integer, Long> positions) {
        if (socket != null) {
            socket.subscribe(stream, subscription, positions);
        }
    }

    @Override
    public void onQueueDrained() {
        if (socket != null && pauses.resumeIfDrained(replicators.queuedBytes())) {
            socket.resume();
        }
    }

    private void onTick() {
        if (socket == null) {
            return;
        }
        pauses.reportIfLong(replicators::held);
        long silentFor = socket.silentForMillis();
        // While paused we read nothing on purpose, so silence then says nothing about the peer.
        if (silentFor > settings.idleTimeout().toMillis() && !pauses.paused()) {
            PeerSocket silent = socket;
            onDisconnected("no message from peer for " + silentFor + " ms");
            silent.close(LinkProtocol.CLOSE_IDLE, "idle");
            return;
        }
        if (state == State.UP) {
            socket.progress(replicators.committedPositions());
        }
    }

    private void failLink(LinkProtocolException error) {
        Events.warn(LOG, "link.protocol.violation", "peer", peer.id(), "code", error.code(), "message", error.getMessage());
        PeerSocket failed = socket;
        if (failed != null) {
            failed.refuse(error);
            onDisconnected(error.code() + ": " + error.getMessage());
            failed.close(LinkProtocol.CLOSE_PROTOCOL_ERROR, error.code());
        }
    }

    private void onDisconnected(String reason) {
        onDisconnected(reason, false);
    }

    /** {@code refused}: the dial failed because nothing listens at the peer's address (yet). */
    private void onDisconnected(String reason, boolean refused) {
        boolean wasUp = state == State.UP;
        socket = null;
        pauses.reset();
        lastError = reason;
        pendingDescribes.failAll("link to '" + peer.id() + "' dropped");
        replicators.all().forEach(StreamReplicator::detach);
        if (state == State.STOPPED) {
            return;
        }
        setState(State.DOWN);
        long delay = redial.delayAfterFailure(refused);
        Events.warn(LOG, wasUp ? "link.disconnected" : "link.connect.failed", "peer", peer.id(), "url", peer.gateway(),
                "cause", reason, "retryInMs", delay);
        if (wasUp) {
            reconnects++;
            metrics.linkReconnected(peer.id());
        }
        vertx.setTimer(delay, id -> connect());
    }

    private void setState(State next) {
        if (state != next) {
            state = next;
            stateSince = System.currentTimeMillis();
            onStateChange.run();
        }
    }

    /** Starts replicating one more stream from this peer (a config reload added it). */
    public void add(StreamReplicator replicator) {
        replicators.add(replicator);
        if (state == State.UP) {
            replicator.attach(this);
        }
    }

    /** Stops replicating a stream from this peer (a config reload removed it); its committed data stays. */
    public Future<Void> remove(String stream) {
        StreamReplicator replicator = replicators.remove(stream);
        if (replicator == null) {
            return Future.succeededFuture();
        }
        if (socket != null) {
            socket.unsubscribe(stream);
        }
        return replicator.stop();
    }

    public Set<String> streams() {
        return Set.copyOf(replicators.streams());
    }

    /** Closes the link and stops its replicators once their open transactions finish. */
    public Future<Void> stop() {
        setState(State.STOPPED);
        vertx.cancelTimer(timer);
        PeerSocket closing = socket;
        socket = null;
        pauses.reset();  // a stopped link holds nothing back: its status shows no pause
        if (closing != null) {
            closing.close(LinkProtocol.CLOSE_GOING_AWAY, "gateway stopping");
        }
        return Future.all(replicators.all().stream().map(StreamReplicator::stop).toList())
                .compose(v -> dialer.close());
    }

    public LinkStatus status() {
        return new LinkStatus(peer.id(), peer.gateway().toString(), state.name().toLowerCase(java.util.Locale.ROOT),
                stateSince, lastError, reconnects, pauses.count(), pauses.pausedSinceMillis(),
                replicators.statuses());
    }

    public State state() {
        return state;
    }
}
