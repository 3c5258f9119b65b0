package io.meshgate.replication.protocol;

import static io.meshgate.replication.protocol.Frames.assertMalformed;
import static io.meshgate.replication.protocol.Frames.batchHeader;
import static io.meshgate.replication.protocol.Frames.record;

import io.vertx.core.buffer.Buffer;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames that are not valid record batches fail with {@code link.frame.malformed} and a message saying what
 * is wrong. The header of stream "s" takes 17 bytes, so the first record starts at position 17.
 */
class RecordBatchCodecMalformedFrameTest {

    @Test
    void wrongMagicIsRejected() {
        Buffer frame = RecordBatchCodec.encode(new RecordBatch("s", 0, 0, List.of()));
        frame.setByte(0, (byte) 'X');
        assertMalformed(frame, "not a meshgate record batch", "magic");
    }

    @Test
    void wrongKindIsRejected() {
        Buffer frame = RecordBatchCodec.encode(new RecordBatch("s", 0, 0, List.of()));
        frame.setByte(1, (byte) 2);
        assertMalformed(frame, "not a meshgate record batch", "kind");
    }

    @Test
    void trailingBytesAreRejected() {
        Buffer frame = RecordBatchCodec.encode(new RecordBatch("s", 0, 0, List.of(record(0, "k", "v")))).appendByte((byte) 0);
        assertMalformed(frame, "1 unexpected trailing bytes");
    }

    @Test
    void negativePartitionIsRejected() {
        assertMalformed(batchHeader("s", -1, 0).build(), "out of range", "partition=-1");
    }

    @Test
    void negativeRecordCountIsRejected() {
        assertMalformed(batchHeader("s", 0, -1).build(), "out of range", "count=-1");
    }

    @Test
    void recordCountOfIntMaxInASmallFrameFailsBeforeAllocating() {
        Buffer frame = batchHeader("s", 0, Integer.MAX_VALUE).bytes(new byte[13]).build();
        assertMalformed(frame, "out of range", "count=2147483647", "frameBytes=30");
    }

    @Test
    void recordCountLargerThanTheFrameCanHoldIsRejected() {
        Buffer frame = batchHeader("s", 0, 2).plainRecord(0).build();
        assertMalformed(frame, "out of range", "count=2", "frameBytes=45");
    }

    @Test
    void headerCountOfIntMaxIsRejected() {
        Buffer frame = batchHeader("s", 0, 1).i64(0).i64(0).i32(-1).i32(-1).i32(Integer.MAX_VALUE).build();
        assertMalformed(frame, "header count out of range: 2147483647");
    }

    @Test
    void headerCountLargerThanTheRestOfTheFrameIsRejected() {
        Buffer frame = batchHeader("s", 0, 1).i64(0).i64(0).i32(-1).i32(-1).i32(2).u16(1).bytes(new byte[] {'h'}).i32(-1).build();
        assertMalformed(frame, "header count out of range: 2");
    }

    @Test
    void negativeHeaderCountIsRejected() {
        Buffer frame = batchHeader("s", 0, 1).i64(0).i64(0).i32(-1).i32(-1).i32(-1).build();
        assertMalformed(frame, "header count out of range: -1");
    }

    @Test
    void keyLengthBelowMinusOneIsRejected() {
        Buffer frame = batchHeader("s", 0, 1).i64(0).i64(0).i32(-2).i32(-1).i32(0).build();
        assertMalformed(frame, "negative length -2 at position 33");
    }

    @Test
    void valueLengthOfIntMinIsRejected() {
        Buffer frame = batchHeader("s", 0, 1).i64(0).i64(0).i32(-1).i32(Integer.MIN_VALUE).i32(0).build();
        assertMalformed(frame, "negative length -2147483648 at position 37");
    }

    @Test
    void negativeHeaderValueLengthIsRejected() {
        Buffer frame = batchHeader("s", 0, 1).i64(0).i64(0).i32(-1).i32(-1).i32(1).i32(1).bytes(new byte[] {'h'}).i32(-7).build();
        assertMalformed(frame, "negative length -7 at position 50");
    }

    @Test
    void keyLengthBeyondTheFrameIsRejected() {
        Buffer frame = batchHeader("s", 0, 1).i64(0).i64(0).i32(Integer.MAX_VALUE).i32(-1).i32(0).build();
        assertMalformed(frame, "truncated", "needed 2147483647 bytes at position 37");
    }

    @Test
    void streamLengthBeyondTheFrameIsRejected() {
        Buffer frame = new Frames().u8('M').u8(1).u16(65_535).bytes(new byte[] {'s'}).build();
        assertMalformed(frame, "truncated", "needed 65535 bytes at position 4");
    }

    @Test
    void repeatedOffsetIsRejected() {
        Buffer frame = batchHeader("s", 0, 2).plainRecord(5).plainRecord(5).build();
        assertMalformed(frame, "offsets must increase", "got 5 then 5");
    }

    @Test
    void decreasingOffsetIsRejected() {
        Buffer frame = batchHeader("s", 0, 2).plainRecord(9).plainRecord(3).build();
        assertMalformed(frame, "offsets must increase", "got 9 then 3");
    }

    @Test
    void negativeOffsetIsRejected() {
        Buffer frame = batchHeader("s", 0, 1).plainRecord(-4).build();
        assertMalformed(frame, "record 0 has negative offset -4");
    }
}
