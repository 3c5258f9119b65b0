package io.meshgate.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Writes one {@link DelayLine} to one socket: the second half of one direction of a connection.
 * Runs on its own thread, so a slow receiver blocks only this direction.
 *
 * <p>Each chunk waits in the line until it is due; then it is written in slices, each waiting for
 * the bandwidth cap and for the black hole to be off. Many chunks are therefore in flight at once
 * (latency is a pipeline, not a sleep per chunk), and the cap and black hole apply mid-chunk.
 */
final class ChunkWriter implements Runnable {

    private final DelayLine line;
    private final Socket destination;
    private final ProxiedConnection connection;
    private final ProxiedConnection.Direction direction;
    private final TokenBucket bucket = new TokenBucket();

    ChunkWriter(DelayLine line, Socket destination, ProxiedConnection connection,
            ProxiedConnection.Direction direction) {
        this.line = line;
        this.destination = destination;
        this.connection = connection;
        this.direction = direction;
    }

    @Override
    public void run() {
        try {
            OutputStream out = destination.getOutputStream();
            Chunk chunk;
            while ((chunk = line.takeDue()) != null) {
                if (chunk.isEndOfStream()) {
                    // Pass the half-close on: the other direction may still have data to deliver.
                    destination.shutdownOutput();
                    connection.directionFinished(direction);
                    return;
                }
                if (!writeCapped(out, chunk.data())) {
                    return;
                }
            }
        } catch (IOException e) {
            connection.pipeFailed(direction, destination, e);
        }
    }

    /** @return false if the line was closed or discarded mid-chunk */
    private boolean writeCapped(OutputStream out, byte[] data) throws IOException {
        int offset = 0;
        while (offset < data.length) {
            long rate = connection.faults().bandwidthBytesPerSecond();
            int slice = Math.min(data.length - offset, TokenBucket.sliceBytes(rate));
            FaultSettings allowed = line.awaitSendAllowed(
                    now -> bucket.nanosUntilAvailable(slice, now.bandwidthBytesPerSecond(), System.nanoTime()));
            if (allowed == null) {
                return false;
            }
            bucket.consume(slice, allowed.bandwidthBytesPerSecond(), System.nanoTime());
            out.write(data, offset, slice);
            offset += slice;
            connection.forwarded(direction, slice);
        }
        return true;
    }
}
