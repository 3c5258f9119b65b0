package io.meshgate.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on the loopback interface.
 *
 * <p>A picked port is only free at the moment it is returned: another process may take it before
 * the caller binds it. That race is accepted here because the alternative, holding the socket and
 * handing it to a child process, is not possible from Java. It is made rare by picking below the
 * kernel's ephemeral range: there, no outgoing connection (a Kafka client, a Hazelcast member retrying
 * a peer that is not up yet, which can even connect to itself) is ever given the port by the kernel,
 * so only another explicit bind can take it. Picks are random, so two pickers rarely choose alike.
 */
public final class FreePorts {

    /** Below this, ports are often taken by well-known services. */
    static final int LOWEST = 10_000;
    /** The highest port picked: just below the ephemeral range (Linux says where it starts; 32768 elsewhere). */
    static final int HIGHEST = Math.min(EphemeralRange.lowestPort(), 32_768) - 1;
    private static final int ATTEMPTS_PER_PORT = 200;
    /** What {@code meshgate demo} binds in this range (brokers and their controllers): never picked, so a test run beside a demo leaves them. */
    private static final Set<Integer> DEMO_PORTS = Set.of(19092, 19093, 29092, 29093);
    /**
     * Ports this JVM handed out lately, not handed out again: a caller often picks several ports one by one and binds
     * them only later (a mesh config first, then its brokers and gateways), when a repeat would be a clash.
     */
    private static final Set<Integer> HANDED_OUT = new LinkedHashSet<>();
    private static final int HANDED_OUT_REMEMBERED = 2_000;

    private FreePorts() {
    }

    /** A free port below the ephemeral range. */
    public static int pick() {
        return pick(1)[0];
    }

    /** Picks {@code count} distinct free ports below the ephemeral range. */
    public static synchronized int[] pick(int count) {
        if (HIGHEST - LOWEST < count * 10) {
            return ephemeral(count);  // an unusual ephemeral range leaves no room below it
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int attempt = 0; chosen.size() < count; attempt++) {
            if (attempt > ATTEMPTS_PER_PORT * count) {
                throw new UncheckedIOException(new IOException("localkafka: cannot find " + count + " free ports between "
                        + LOWEST + " and " + HIGHEST + " on the loopback interface"));
            }
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (!chosen.contains(port) && !DEMO_PORTS.contains(port) && !HANDED_OUT.contains(port)
                    && isFree("127.0.0.1", port)) {
                chosen.add(port);
            }
        }
        remember(chosen);
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void remember(Set<Integer> ports) {
        HANDED_OUT.addAll(ports);
        var oldest = HANDED_OUT.iterator();
        while (HANDED_OUT.size() > HANDED_OUT_REMEMBERED) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Ports the kernel hands out, each held until all are chosen so none repeats. */
    private static int[] ephemeral(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("localkafka: cannot pick " + count + " free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    /** True when {@code port} can be bound on {@code host} right now. */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // The port is released by the OS anyway when this process exits.
        }
    }
}
