package io.meshgate.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy that makes a local link behave like a faulty WAN: latency, jitter, a bandwidth cap,
 * black hole, connection reset and half-open connections, each switchable while connections are live.
 * Put it between two gateways; point one at {@link #address()} instead of at the other.
 *
 * <p>Thread safety: every method may be called from any thread at any time. A fault change swaps
 * one immutable {@link FaultSettings} atomically and wakes every connection, so it applies at once
 * to existing and new connections, in both directions, including bytes already read and waiting.
 * Bytes of one direction of one connection are never reordered, dropped or duplicated, whatever
 * the faults (only a reset, a half-open cut or {@link #close()} end a stream early).
 *
 * <p>Threads: one acceptor, and per connection one blocking reader and one writer per direction.
 * Meant for tests and benchmarks with tens of connections, not thousands.
 */
public final class WanFaultProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WanFaultProxy.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final ServerSocket listener;
    private final String targetAddress;
    private final AtomicReference<FaultSettings> faults = new AtomicReference<>(FaultSettings.NONE);
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder bytesForwarded = new LongAdder();
    private final AtomicLong connectionsAccepted = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService threads;
    private final ProxyContext context;

    private WanFaultProxy(ServerSocket listener, String targetHost, int targetPort) {
        this.listener = listener;
        this.targetAddress = targetHost + ":" + targetPort;
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "wanproxy-" + listener.getLocalPort());
            thread.setDaemon(true); // a forgotten proxy must not keep a test JVM alive
            return thread;
        });
        this.context = new ProxyContext(listener.getLocalPort(), targetHost, targetPort, faults::get,
                threads, bytesForwarded, connections::remove);
    }

    /**
     * Listens on {@code listenHost:listenPort} (port 0 picks a free one) and forwards every accepted
     * connection to {@code targetHost:targetPort}, with no faults until some are switched on.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static WanFaultProxy start(String listenHost, int listenPort, String targetHost, int targetPort) {
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(listenHost, listenPort));
        } catch (IOException e) {
            throw new UncheckedIOException("wan proxy: cannot listen on " + listenHost + ":" + listenPort, e);
        }
        WanFaultProxy proxy = new WanFaultProxy(listener, targetHost, targetPort);
        proxy.context.spawn("acceptor", proxy::acceptLoop);
        log.info("wanproxy.started port={} listen={} target={}", proxy.port(), proxy.address(), proxy.targetAddress);
        return proxy;
    }

    /** The port the proxy listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code host:port} to connect to; 127.0.0.1 when listening on all interfaces. */
    public String address() {
        InetAddress bound = listener.getInetAddress();
        String host = bound.isAnyLocalAddress() ? "127.0.0.1" : bound.getHostAddress();
        return host + ":" + port();
    }

    /** The faults in force right now. */
    public FaultSettings faults() {
        return faults.get();
    }

    /** Delays every chunk by {@code oneWay} in each direction; chunks already waiting are re-timed too. */
    public WanFaultProxy latency(Duration oneWay) {
        return change(f -> f.withLatency(oneWay), "fault=latency oneWayMs={}", oneWay.toMillis());
    }

    /** Adds a random delay in [0, max] per chunk, without ever reordering bytes; re-times waiting chunks. */
    public WanFaultProxy jitter(Duration max) {
        return change(f -> f.withJitter(max), "fault=jitter maxMs={}", max.toMillis());
    }

    /** Caps each direction of each connection; 0 = unlimited. */
    public WanFaultProxy bandwidth(long bytesPerSecond) {
        return change(f -> f.withBandwidth(bytesPerSecond), "fault=bandwidth bytesPerSecond={}", bytesPerSecond);
    }

    /**
     * While on, nothing is read or delivered in either direction (so TCP backpressure builds) and new
     * connections are accepted but held before connecting upstream. When off, held bytes and
     * connections proceed in order.
     */
    public WanFaultProxy blackHole(boolean on) {
        return change(f -> f.withBlackHole(on), "fault=blackhole on={}", on);
    }

    /**
     * While on, connections are cut upstream without telling the client: its writes are read and
     * dropped, nothing comes back. Switching on cuts all current connections; switching off affects
     * new connections only (cut ones stay cut until the client gives up).
     */
    public WanFaultProxy halfOpen(boolean on) {
        change(f -> f.withHalfOpen(on), "fault=halfopen on={}", on);
        if (on) {
            connections.forEach(ProxiedConnection::enterHalfOpen);
        }
        return this;
    }

    /** Aborts every current connection with a TCP RST to both the client and the upstream. */
    public void resetAll() {
        log.info("wanproxy.fault.reset port={} connections={}", port(), connections.size());
        connections.forEach(connection -> connection.reset("resetAll"));
    }

    /**
     * Switches every fault off: no latency, no jitter, no cap, no black hole, no half-open. Bytes
     * waiting in the proxy leave at once; connections already cut by half-open stay cut.
     */
    public WanFaultProxy heal() {
        faults.set(FaultSettings.NONE);
        log.info("wanproxy.fault.healed port={}", port());
        connections.forEach(ProxiedConnection::wake);
        return this;
    }

    /** Connections accepted and not yet finished, including held and half-open ones. */
    public int openConnections() {
        return connections.size();
    }

    /** Bytes delivered so far, both directions, all connections. */
    public long bytesForwarded() {
        return bytesForwarded.sum();
    }

    /** Connections accepted since start. */
    public long connectionsAccepted() {
        return connectionsAccepted.get();
    }

    /** Stops listening and closes every connection; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SocketCloser.close(listener);
        connections.forEach(connection -> connection.close("proxy closed"));
        threads.shutdown();
        try {
            if (!threads.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("wanproxy.stop.slow port={} waitedSeconds={}", port(), SHUTDOWN_WAIT_SECONDS);
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("wanproxy.stopped port={} connectionsAccepted={} bytesForwarded={}",
                port(), connectionsAccepted(), bytesForwarded());
    }

    private WanFaultProxy change(UnaryOperator<FaultSettings> change, String event, Object value) {
        faults.updateAndGet(change); // throws, leaving the faults unchanged, if the value is invalid
        if (log.isInfoEnabled()) {
            // Before waking the connections, so that their events read as consequences in the log.
            log.info("wanproxy.fault.set " + event + " port={}", value, port());
        }
        connections.forEach(ProxiedConnection::wake);
        return this;
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    log.warn("wanproxy.accept.failed port={} error=\"{}\"", port(), e.toString());
                }
                if (listener.isClosed()) {
                    return;
                }
                continue;
            }
            onAccepted(client);
        }
    }

    private void onAccepted(Socket client) {
        long id = connectionsAccepted.incrementAndGet();
        ProxiedConnection connection = new ProxiedConnection(id, client, context);
        // Registered before it starts, so a fault switched on meanwhile reaches it either way.
        connections.add(connection);
        try {
            client.setTcpNoDelay(true); // Nagle would add its own delays to ours
        } catch (IOException e) {
            connection.reset("client socket unusable: " + e.getMessage());
            return;
        }
        if (closed.get()) {
            connection.close("proxy closed");
            return;
        }
        log.debug("wanproxy.connection.accepted id={} port={} client={}", id, port(), client.getRemoteSocketAddress());
        connection.start();
    }
}
