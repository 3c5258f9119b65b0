package io.meshgate.chaos;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every connection of one proxy shares. All parts are thread-safe.
 *
 * @param listenPort the proxy's port, for log events and thread names
 * @param targetHost resolved on every connect, so a restarted target on a new address is found
 * @param targetPort the upstream port
 * @param faults the current fault settings
 * @param threads runs the readers and writers; one thread each, since they block
 * @param bytesForwarded bytes delivered in both directions, over all connections
 * @param onClosed called once when a connection is finished, to unregister it
 */
record ProxyContext(
        int listenPort,
        String targetHost,
        int targetPort,
        Supplier<FaultSettings> faults,
        Executor threads,
        LongAdder bytesForwarded,
        Consumer<ProxiedConnection> onClosed) {

    InetSocketAddress target() {
        return new InetSocketAddress(targetHost, targetPort);
    }

    String targetAddress() {
        return targetHost + ":" + targetPort;
    }

    /**
     * Runs the task on its own thread, named so that a thread dump shows which pipe is stuck.
     * Ignored once the proxy is closing: the task's connection is being closed too.
     */
    void spawn(String role, Runnable task) {
        String name = "wanproxy-" + listenPort + "-" + role;
        try {
            threads.execute(() -> {
                Thread.currentThread().setName(name);
                task.run();
            });
        } catch (RejectedExecutionException closing) {
            // close() shut the pool down between this connection's last check and here.
        }
    }
}
