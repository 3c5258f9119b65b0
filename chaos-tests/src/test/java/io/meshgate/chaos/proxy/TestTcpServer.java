package io.meshgate.chaos.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local TCP server standing in for the far gateway: it echoes or just records what it gets. */
final class TestTcpServer implements AutoCloseable {

    private final ServerSocket server;
    private final boolean echo;
    private final List<RecordingSocket> peers = new CopyOnWriteArrayList<>();

    private TestTcpServer(boolean echo) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.echo = echo;
        Thread acceptor = new Thread(this::acceptLoop, "test-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static TestTcpServer echo() throws IOException {
        return new TestTcpServer(true);
    }

    static TestTcpServer sink() throws IOException {
        return new TestTcpServer(false);
    }

    int port() {
        return server.getLocalPort();
    }

    int connectionCount() {
        return peers.size();
    }

    /** The server side of the n-th connection; wait for {@link #connectionCount()} first. */
    RecordingSocket peer(int index) {
        return peers.get(index);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (RecordingSocket peer : peers) {
            peer.close();
        }
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                peers.add(RecordingSocket.accepted(socket, echo));
            }
        } catch (IOException closed) {
            // close() was called
        }
    }
}
