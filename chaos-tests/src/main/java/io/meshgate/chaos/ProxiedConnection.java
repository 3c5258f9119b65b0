package io.meshgate.chaos;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection through the proxy and its upstream partner: two directions, each a
 * {@link ChunkReader}, a {@link DelayLine} and a {@link ChunkWriter} on their own threads.
 *
 * <p>Thread safety: the lifecycle (upstream socket, half-open, closed) is guarded by {@code this};
 * the four pipe threads, the proxy's control methods and the acceptor may call in concurrently.
 * Socket closes happen outside the lock, because they wake blocked pipe threads that call back in.
 */
final class ProxiedConnection {

    /** Which way bytes travel; each direction has its own reader, line, writer and token bucket. */
    enum Direction {
        TO_UPSTREAM("client->upstream"),
        TO_CLIENT("upstream->client");

        private final String label;

        Direction(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ProxiedConnection.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final long id;
    private final Socket client;
    private final ProxyContext context;
    private final DelayLine toUpstream;
    private final DelayLine toClient;
    private final AtomicLong bytesToUpstream = new AtomicLong();
    private final AtomicLong bytesToClient = new AtomicLong();
    private final AtomicInteger finishedDirections = new AtomicInteger();

    private Socket upstream;
    private boolean halfOpen;
    private boolean closed;

    ProxiedConnection(long id, Socket client, ProxyContext context) {
        this.id = id;
        this.client = client;
        this.context = context;
        this.toUpstream = new DelayLine(context.faults());
        this.toClient = new DelayLine(context.faults());
    }

    void start() {
        context.spawn(threadRole("client-reader"), this::connectThenReadClient);
    }

    FaultSettings faults() {
        return context.faults().get();
    }

    /** Makes all waiting pipe threads re-read the fault settings. */
    void wake() {
        toUpstream.wake();
        toClient.wake();
    }

    /**
     * Cuts the upstream side without telling the client, like a NAT that forgot the flow: the
     * client's bytes are still read and dropped, and nothing reaches it any more. Irreversible.
     */
    void enterHalfOpen() {
        Socket cut;
        synchronized (this) {
            if (closed || halfOpen) {
                return;
            }
            halfOpen = true;
            cut = upstream;
        }
        toUpstream.discard();
        toClient.discard();
        SocketCloser.close(cut);
        log.info("wanproxy.connection.halfopen id={} port={} upstreamCut={}", id, context.listenPort(), cut != null);
    }

    /** Aborts both sides with a TCP RST. */
    void reset(String reason) {
        end(true, reason);
    }

    /** Closes both sides normally (FIN). */
    void close(String reason) {
        end(false, reason);
    }

    private String threadRole(String role) {
        return "c" + id + "-" + role;
    }

    private void connectThenReadClient() {
        if (faults().blackHole()) {
            log.info("wanproxy.connection.held id={} port={} reason=blackhole", id, context.listenPort());
        }
        // A black hole holds new connections here, before they reach upstream.
        if (!toUpstream.awaitReadAllowed()) {
            return;
        }
        if (faults().halfOpen()) {
            enterHalfOpen();
        } else if (!connectUpstream()) {
            return;
        }
        new ChunkReader(client, toUpstream, this, Direction.TO_UPSTREAM).run();
    }

    /** @return false if the connection is over */
    private boolean connectUpstream() {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(context.target(), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            SocketCloser.close(socket);
            log.warn("wanproxy.upstream.connect.failed id={} port={} target={} error=\"{}\"",
                    id, context.listenPort(), context.targetAddress(), e.toString());
            reset("upstream connect failed");
            return false;
        }
        synchronized (this) {
            if (closed || halfOpen) {
                // Closed or cut while connecting: the new socket was never part of the flow.
                SocketCloser.close(socket);
                return !closed;
            }
            upstream = socket;
        }
        log.info("wanproxy.connection.opened id={} port={} client={} target={}",
                id, context.listenPort(), client.getRemoteSocketAddress(), context.targetAddress());
        context.spawn(threadRole("upstream-reader"), new ChunkReader(socket, toClient, this, Direction.TO_CLIENT));
        context.spawn(threadRole("upstream-writer"), new ChunkWriter(toUpstream, socket, this, Direction.TO_UPSTREAM));
        context.spawn(threadRole("client-writer"), new ChunkWriter(toClient, client, this, Direction.TO_CLIENT));
        return true;
    }

    /** A reader saw the end of its stream. */
    void sourceEnded(Direction direction) {
        boolean clientLeftHalfOpen;
        synchronized (this) {
            clientLeftHalfOpen = halfOpen && direction == Direction.TO_UPSTREAM;
        }
        if (clientLeftHalfOpen) {
            // Nobody is left to tell: the upstream is already gone.
            close("client closed while half-open");
        }
    }

    /** A writer delivered the end of its stream; once both have, the connection is done. */
    void directionFinished(Direction direction) {
        log.debug("wanproxy.connection.halfclosed id={} port={} direction={}", id, context.listenPort(), direction);
        if (finishedDirections.incrementAndGet() == 2) {
            close("completed");
        }
    }

    /** A reader or writer failed on {@code socket}; a failure on one side is passed on as a reset. */
    void pipeFailed(Direction direction, Socket socket, IOException error) {
        synchronized (this) {
            if (closed || (halfOpen && socket != client)) {
                return; // expected: we closed that socket ourselves
            }
        }
        log.info("wanproxy.connection.failed id={} port={} direction={} error=\"{}\"",
                id, context.listenPort(), direction, error.toString());
        reset("peer failed: " + error.getMessage());
    }

    void forwarded(Direction direction, int bytes) {
        (direction == Direction.TO_UPSTREAM ? bytesToUpstream : bytesToClient).addAndGet(bytes);
        context.bytesForwarded().add(bytes);
    }

    private void end(boolean abort, String reason) {
        Socket up;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            up = upstream;
        }
        toUpstream.close();
        toClient.close();
        if (abort) {
            SocketCloser.reset(client);
            SocketCloser.reset(up);
        } else {
            SocketCloser.close(client);
            SocketCloser.close(up);
        }
        context.onClosed().accept(this);
        log.info("wanproxy.connection.closed id={} port={} reason=\"{}\" rst={} bytesToUpstream={} bytesToClient={}",
                id, context.listenPort(), reason, abort, bytesToUpstream.get(), bytesToClient.get());
    }
}
