package io.meshgate.replication.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The origin side writes frames from views of Kafka's fetch buffers: slices of a larger array, read-only or
 * direct buffers. Each must come out of decode as exactly its own bytes, and the views must be left as found.
 */
class RecordBatchFrameTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSliceOfALargerArrayContributesOnlyItsOwnBytes() {
        ByteBuffer fetched = ByteBuffer.wrap(utf8("....key-1value-1...."));
        ByteBuffer key = fetched.duplicate().position(4).limit(9).slice();
        ByteBuffer value = fetched.duplicate().position(9).limit(16);  // not sliced: a position inside the array

        Buffer frame = RecordBatchFrame.start("orders", 7, 2, 0).record(41, 1_000L, key, value, 0).finish();

        RecordBatch batch = RecordBatchCodec.decode(frame);
        assertEquals(List.of(41L), batch.records().stream().map(ReplicatedRecord::offset).toList());
        assertArrayEquals(utf8("key-1"), batch.records().get(0).key());
        assertArrayEquals(utf8("value-1"), batch.records().get(0).value());
        assertEquals(0, key.position());
        assertEquals(9, value.position());
    }

    @Test
    void directAndReadOnlyBuffersAreCopiedWithoutMovingThem() {
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(utf8("abc")).flip();
        ByteBuffer readOnly = ByteBuffer.wrap(utf8("xyz")).asReadOnlyBuffer();

        RecordBatch batch = RecordBatchCodec.decode(RecordBatchFrame.start("s", 0, 0, 8)
                .record(0, 0, direct, readOnly, 1).header("h", utf8("1"))
                .record(1, 0, null, null, 1).header("empty", null)
                .finish());

        assertArrayEquals(utf8("abc"), batch.records().get(0).key());
        assertArrayEquals(utf8("xyz"), batch.records().get(0).value());
        assertEquals("h", batch.records().get(0).headers().get(0).key());
        assertNull(batch.records().get(1).key());
        assertNull(batch.records().get(1).value());
        assertNull(batch.records().get(1).headers().get(0).value());
        assertEquals(0, direct.position());
        assertEquals(0, readOnly.position());
    }

    @Test
    void theRecordCountIsFilledInAtTheEnd() {
        RecordBatchFrame frame = RecordBatchFrame.start("s", 1, 1, 0);
        for (int i = 0; i < 5; i++) {
            frame.record(i, i, null, ByteBuffer.wrap(new byte[] {(byte) i}), 0);
        }
        assertEquals(5, RecordBatchCodec.decode(frame.finish()).records().size());
    }
}
