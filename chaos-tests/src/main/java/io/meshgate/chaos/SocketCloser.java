package io.meshgate.chaos;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;

/** Closing sockets the two ways a WAN link ends: quietly (FIN) or abruptly (RST). */
final class SocketCloser {

    private SocketCloser() {
    }

    /** Normal close; errors are ignored because the socket is being thrown away anyway. */
    static void close(Closeable socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to do with a socket that fails to close.
        }
    }

    /** Close with SO_LINGER 0, which makes the kernel send a RST instead of a FIN. */
    static void reset(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // Already closed: the peer has been told one way or another.
        }
        close(socket);
    }
}
