package io.meshgate.replication.protocol;

import static io.meshgate.replication.protocol.Frames.MALFORMED;
import static io.meshgate.replication.protocol.Frames.header;
import static io.meshgate.replication.protocol.Frames.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.buffer.Buffer;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and randomly corrupted frames either decode or fail with {@link LinkProtocolException}; never any other
 * exception. Seeds are fixed so that a failure names a frame that reproduces.
 */
class RecordBatchCodecRandomFramesTest {

    private static final int FRAMES = 20_000;

    @Test
    void randomBytesNeverThrowAnythingButLinkProtocolException() {
        Random random = new Random(20_240_601L);
        for (int i = 0; i < FRAMES; i++) {
            byte[] bytes = new byte[random.nextInt(96)];
            random.nextBytes(bytes);
            if (bytes.length >= 2 && random.nextBoolean()) {
                // Half get past the magic and kind check, so the rest of the decoder sees random input too.
                bytes[0] = RecordBatchCodec.MAGIC;
                bytes[1] = RecordBatchCodec.KIND_RECORD_BATCH;
            }
            assertDecodesOrIsMalformed(Buffer.buffer(bytes));
        }
    }

    @Test
    void corruptedValidFramesNeverThrowAnythingButLinkProtocolException() {
        Buffer valid = RecordBatchCodec.encode(new RecordBatch("orders", 1, 3, List.of(
                record(7, "k", "v", header("h", "x")), record(8, null, "v2"), record(9, "k3", null, header("a", null)))));
        Random random = new Random(7_777L);
        for (int i = 0; i < FRAMES; i++) {
            Buffer frame = valid.copy();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                frame.setByte(random.nextInt(frame.length()), (byte) random.nextInt(256));
            }
            assertDecodesOrIsMalformed(frame);
        }
    }

    private static void assertDecodesOrIsMalformed(Buffer frame) {
        try {
            RecordBatchCodec.decode(frame);
        } catch (LinkProtocolException e) {
            assertEquals(MALFORMED, e.code());
        } catch (RuntimeException | OutOfMemoryError e) {
            fail("frame " + HexFormat.of().formatHex(frame.getBytes()) + " threw " + e, e);
        }
    }
}
