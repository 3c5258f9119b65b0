package io.meshgate.chaos.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * One end of a test connection: a background thread records everything that arrives (and, for an
 * echo server's side, writes it straight back). {@link #ended()} completes normally on EOF and
 * exceptionally on an error such as a reset.
 */
final class RecordingSocket implements AutoCloseable {

    private final Socket socket;
    private final boolean echo;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile long lastArrivalNanos;

    private RecordingSocket(Socket socket, boolean echo) {
        this.socket = socket;
        this.echo = echo;
        Thread reader = new Thread(this::readLoop, "test-recorder-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    static RecordingSocket connect(String address) {
        String[] hostAndPort = address.split(":");
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])), 5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RecordingSocket(socket, false);
    }

    static RecordingSocket accepted(Socket socket, boolean echo) {
        return new RecordingSocket(socket, echo);
    }

    void write(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** System.nanoTime() of the latest arrival, for exact timing without depending on poll intervals. */
    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readLoop() {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = socket.getInputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (received) {
                    received.write(buffer, 0, read);
                    lastArrivalNanos = System.nanoTime();
                }
                if (echo) {
                    socket.getOutputStream().write(buffer, 0, read);
                }
            }
            if (echo) {
                socket.shutdownOutput(); // mirror the half-close, like an echo service does
            }
            ended.complete(null);
        } catch (IOException e) {
            ended.completeExceptionally(e);
        }
    }
}
