package io.meshgate.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on the loopback interface.
 *
 * <p>A picked port is only free at the moment it is returned: another process may take it before
 * the caller binds it. That race is accepted here because the alternative, holding the socket and
 * handing it to a child process, is not possible from Java.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** Binds an ephemeral port, reads its number and releases it. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("localkafka: cannot pick a free port", e);
        }
    }

    /** Picks {@code count} distinct free ports, holding each open until all are chosen so none repeats. */
    public static int[] pick(int count) {
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
