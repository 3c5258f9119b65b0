package io.meshgate.chaos;

/**
 * Bytes read from one socket in one read, waiting in a {@link DelayLine} to be written to the other.
 * The delay is not fixed at read time but computed from the faults in force when the chunk leaves,
 * so a changed latency or jitter (or {@code heal()}) also re-times chunks already in flight. Only the
 * chunk's random share of the jitter is drawn once, at read time.
 *
 * @param data the bytes, or null for the end of the stream (the source half-closed)
 * @param readAtNanos System.nanoTime() when the read returned
 * @param jitterShare where in [0, 1] of the jitter range this chunk's extra delay falls
 */
record Chunk(byte[] data, long readAtNanos, double jitterShare) {

    static Chunk endOfStream(long readAtNanos, double jitterShare) {
        return new Chunk(null, readAtNanos, jitterShare);
    }

    boolean isEndOfStream() {
        return data == null;
    }

    int size() {
        return data == null ? 0 : data.length;
    }

    /** When this chunk may be delivered under these faults, ignoring the chunks ahead of it. */
    long dueNanos(FaultSettings faults) {
        return readAtNanos + faults.latencyNanos() + (long) (jitterShare * faults.jitterNanos());
    }
}
