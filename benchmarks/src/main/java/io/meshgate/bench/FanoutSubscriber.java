package io.meshgate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;

import java.io.IOException;
import java.util.BitSet;

/**
 * One benchmark subscriber: a real WebSocket to the gateway that grants credit as it consumes, and keeps, for
 * each event sent inside the measurement window, its produce-to-client latency and which origin offset of which
 * partition it was, so that missing, repeated and out-of-order events can be counted exactly afterwards.
 *
 * <p>Reads only the fields it checks ({@link EventFrameScan}): on a two-core machine every CPU cycle the clients
 * spend is one the gateway under test does not get.
 *
 * <p>Confined to its socket's event loop; {@link #result()} hands the bookkeeping over through that loop.
 */
final class FanoutSubscriber {

    /** Granted at subscribe time and again each time this many events were consumed: never the limiting factor. */
    static final int CREDIT_STEP = 5_000;
    static final int INITIAL_CREDIT = 2 * CREDIT_STEP;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String CREDIT_MESSAGE = "{\"type\":\"credit\",\"n\":" + CREDIT_STEP + "}";

    /** What one subscriber saw of the window. {@code offsets[p]} holds the windowed origin offsets of partition p. */
    record Result(int index, BitSet[] offsets, long duplicates, long outOfOrder, long gaps, String failure,
                  LatencySamples latencies, long lastReceivedNanos) {
    }

    private final int index;
    private final FanoutTally tally;
    private final Context context;
    private final WebSocket socket;
    private final Promise<Void> subscribed = Promise.promise();
    private final BitSet[] offsets;
    private final long[] lastOffset;
    private final LatencySamples latencies;
    private long duplicates;
    private long outOfOrder;
    private long gaps;
    private long sinceGrant;
    private long lastReceivedNanos = Long.MIN_VALUE;
    private String failure;
    private boolean closing;

    /** Call on {@code socket}'s context, right after it connected. */
    FanoutSubscriber(int index, WebSocket socket, FanoutTally tally, int partitions, int expectedEvents) {
        this.index = index;
        this.socket = socket;
        this.tally = tally;
        this.context = Vertx.currentContext();
        this.offsets = new BitSet[partitions];
        this.lastOffset = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            offsets[p] = new BitSet();
            lastOffset[p] = -1;
        }
        this.latencies = new LatencySamples(expectedEvents);
        socket.handler(this::onFrame);
        socket.closeHandler(v -> {
            if (!closing) {
                fail("closed by the gateway (" + socket.closeStatusCode() + " " + socket.closeReason() + ")");
            }
        });
        socket.exceptionHandler(e -> fail("socket failed: " + e.getMessage()));
    }

    int index() {
        return index;
    }

    /** Completes once the gateway confirmed the subscription ({@code subscribed} frame); fails on an error frame. */
    Future<Void> subscribed() {
        return subscribed.future();
    }

    private void onFrame(Buffer data) {
        long received = System.nanoTime();
        byte[] bytes = data.getBytes();
        if (EventFrameScan.isEvent(bytes)) {
            onEvent((int) EventFrameScan.partition(bytes), EventFrameScan.offset(bytes), EventFrameScan.sentNanos(bytes), received);
            return;
        }
        Frame frame;
        try {
            frame = Frame.parse(bytes);
        } catch (IOException | RuntimeException e) {
            fail("unreadable frame: " + e.getMessage());
            return;
        }
        switch (frame.type) {
            case "subscribed" -> subscribed.tryComplete();
            case "gap" -> gaps++;
            case "error" -> fail("error frame " + frame.code + ": " + frame.message);
            default -> { } // heartbeats say we are live; nothing to count
        }
    }

    private void onEvent(int partition, long offset, long sentNanos, long received) {
        if (++sinceGrant >= CREDIT_STEP) {
            sinceGrant = 0;
            socket.writeTextMessage(CREDIT_MESSAGE);
        }
        if (!tally.inWindow(sentNanos)) {
            return;
        }
        if (partition < 0 || partition >= offsets.length || offset < 0 || offset > Integer.MAX_VALUE) {
            fail("event outside the topic: partition " + partition + " offset " + offset);
            return;
        }
        latencies.add(received - sentNanos);
        lastReceivedNanos = received;
        tally.delivered();
        if (offsets[partition].get((int) offset)) {
            duplicates++;
        }
        offsets[partition].set((int) offset);
        if (lastOffset[partition] >= 0 && offset != lastOffset[partition] + 1) {
            outOfOrder++;
        }
        lastOffset[partition] = offset;
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
        }
        subscribed.tryFail(new BenchmarkException("subscriber " + index + ": " + why));
    }

    /** Closes the socket, on its own event loop. */
    Future<Void> close() {
        Promise<Void> closed = Promise.promise();
        context.runOnContext(v -> {
            closing = true;
            socket.close().onComplete(done -> closed.complete());
        });
        return closed.future();
    }

    /** What this subscriber saw, read on its own event loop so that every write to it is visible. */
    Future<Result> result() {
        Promise<Result> result = Promise.promise();
        context.runOnContext(v -> result.complete(new Result(index, offsets, duplicates, outOfOrder, gaps, failure, latencies,
                lastReceivedNanos)));
        return result.future();
    }

    /** The few fields of a frame other than an event the benchmark looks at. */
    private static final class Frame {
        String type = "";
        String code;
        String message;

        static Frame parse(byte[] json) throws IOException {
            Frame frame = new Frame();
            try (JsonParser parser = JSON.createParser(json)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    switch (field) {
                        case "type" -> frame.type = parser.getText();
                        case "code" -> frame.code = parser.getText();
                        case "message" -> frame.message = parser.getText();
                        default -> parser.skipChildren();
                    }
                }
            }
            return frame;
        }
    }
}
