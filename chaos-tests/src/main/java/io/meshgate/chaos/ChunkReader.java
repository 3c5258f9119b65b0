package io.meshgate.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads one socket into one {@link DelayLine}: the first half of one direction of a connection.
 * Runs on its own thread, blocking in {@code read}.
 *
 * <p>It stops reading while the black hole is on, so the kernel buffers fill up and TCP flow
 * control pushes back on the sender, as when a real link drops every segment. A read already
 * blocked when the black hole starts may still return one chunk; the writer holds that one back.
 */
final class ChunkReader implements Runnable {

    /** Largest chunk; larger writes arrive as several chunks, each delayed on its own. */
    static final int READ_BUFFER_BYTES = 64 * 1024;

    private final Socket source;
    private final DelayLine line;
    private final ProxiedConnection connection;
    private final ProxiedConnection.Direction direction;

    ChunkReader(Socket source, DelayLine line, ProxiedConnection connection, ProxiedConnection.Direction direction) {
        this.source = source;
        this.line = line;
        this.connection = connection;
        this.direction = direction;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        try {
            InputStream in = source.getInputStream();
            while (line.awaitReadAllowed()) {
                int read = in.read(buffer);
                long readAt = System.nanoTime();
                if (read < 0) {
                    connection.sourceEnded(direction);
                    // The FIN crosses the WAN like data: delayed, and after every byte sent before it.
                    line.offer(Chunk.endOfStream(readAt, drawJitterShare()));
                    return;
                }
                if (!line.offer(new Chunk(Arrays.copyOf(buffer, read), readAt, drawJitterShare()))) {
                    return;
                }
            }
        } catch (IOException e) {
            connection.pipeFailed(direction, source, e);
        }
    }

    private static double drawJitterShare() {
        return ThreadLocalRandom.current().nextDouble();
    }
}
