package io.meshgate.replication.protocol;

import io.meshgate.replication.protocol.ReplicatedRecord.RecordHeader;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of a {@link RecordBatch} in one WebSocket frame. Big-endian throughout:
 * <pre>
 *   u8 magic 'M', u8 kind 1, u16 stream length, stream (UTF-8), i32 subscription, i32 partition, i32 record count,
 *   then per record:
 *   i64 offset, i64 timestamp, i32 key length (-1 = null), key, i32 value length (-1 = null), value,
 *   i32 header count, then per header: i32 key length, key (UTF-8), i32 value length (-1 = null), value
 * </pre>
 * A binary format rather than JSON because records are opaque bytes and JSON would inflate them by a third
 * (base64) and cost a parse per record on the hot path.
 */
public final class RecordBatchCodec {

    static final byte MAGIC = 'M';
    static final byte KIND_RECORD_BATCH = 1;
    private static final String MALFORMED = "link.frame.malformed";

    private RecordBatchCodec() {
    }

    public static Buffer encode(RecordBatch batch) {
        int recordsSize = 0;
        for (ReplicatedRecord record : batch.records()) {
            recordsSize += record.encodedSize();
        }
        return encode(batch, recordsSize);
    }

    /** Encodes with the records' total {@link ReplicatedRecord#encodedSize()} already known, to size the buffer once. */
    public static Buffer encode(RecordBatch batch, int recordsSize) {
        RecordBatchFrame frame = RecordBatchFrame.start(batch.stream(), batch.subscription(), batch.partition(), recordsSize);
        for (ReplicatedRecord record : batch.records()) {
            frame.record(record.offset(), record.timestamp(), wrap(record.key()), wrap(record.value()),
                    record.headers().size());
            for (RecordHeader header : record.headers()) {
                frame.header(header.key(), header.value());
            }
        }
        return frame.finish();
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    /**
     * Decodes a frame, checking every length against the frame's size so that a corrupt or hostile frame
     * fails with {@link LinkProtocolException} instead of allocating wildly or reading past the end.
     */
    public static RecordBatch decode(Buffer frame) {
        Reader in = new Reader(frame);
        if (in.u8() != MAGIC || in.u8() != KIND_RECORD_BATCH) {
            throw new LinkProtocolException(MALFORMED, "binary frame is not a meshgate record batch (bad magic or kind)");
        }
        String stream = in.string(in.u16());
        int subscription = in.i32();
        int partition = in.i32();
        int count = in.i32();
        if (partition < 0 || count < 0 || count > frame.length() / 28) {
            throw new LinkProtocolException(MALFORMED, "record batch header out of range: partition=" + partition
                    + " count=" + count + " frameBytes=" + frame.length());
        }
        List<ReplicatedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = in.i64();
            if (offset < 0) {
                throw new LinkProtocolException(MALFORMED, "record " + i + " has negative offset " + offset);
            }
            long timestamp = in.i64();
            byte[] key = in.nullableBytes();
            byte[] value = in.nullableBytes();
            int headerCount = in.i32();
            if (headerCount < 0 || headerCount > in.remaining() / 6) {
                throw new LinkProtocolException(MALFORMED, "header count out of range: " + headerCount);
            }
            List<RecordHeader> headers = headerCount == 0 ? List.of() : new ArrayList<>(headerCount);
            for (int h = 0; h < headerCount; h++) {
                headers.add(new RecordHeader(in.string(in.i32()), in.nullableBytes()));
            }
            records.add(new ReplicatedRecord(offset, timestamp, key, value, headers));
        }
        if (in.remaining() != 0) {
            throw new LinkProtocolException(MALFORMED, in.remaining() + " unexpected trailing bytes after record batch");
        }
        try {
            return new RecordBatch(stream, subscription, partition, records);
        } catch (IllegalArgumentException e) {
            throw new LinkProtocolException(MALFORMED, e.getMessage());
        }
    }

    /** Bounds-checked sequential reads over a frame. */
    private static final class Reader {
        private final Buffer frame;
        private int position;

        Reader(Buffer frame) {
            this.frame = frame;
        }

        int remaining() {
            return frame.length() - position;
        }

        private void need(int bytes) {
            if (bytes < 0 || bytes > remaining()) {
                throw new LinkProtocolException(MALFORMED, "record batch truncated: needed " + bytes
                        + " bytes at position " + position + ", frame has " + frame.length());
            }
        }

        int u8() {
            need(1);
            return frame.getUnsignedByte(position++);
        }

        int u16() {
            need(2);
            int value = frame.getUnsignedShort(position);
            position += 2;
            return value;
        }

        int i32() {
            need(4);
            int value = frame.getInt(position);
            position += 4;
            return value;
        }

        long i64() {
            need(8);
            long value = frame.getLong(position);
            position += 8;
            return value;
        }

        byte[] bytes(int length) {
            need(length);
            byte[] value = frame.getBytes(position, position + length);
            position += length;
            return value;
        }

        byte[] nullableBytes() {
            int length = i32();
            if (length < -1) {
                throw new LinkProtocolException(MALFORMED, "negative length " + length + " at position " + (position - 4));
            }
            return length == -1 ? null : bytes(length);
        }

        String string(int length) {
            return new String(bytes(length), StandardCharsets.UTF_8);
        }
    }
}
