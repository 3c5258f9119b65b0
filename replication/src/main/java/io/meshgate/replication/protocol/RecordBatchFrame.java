package io.meshgate.replication.protocol;

import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes one record-batch frame (the layout {@link RecordBatchCodec} documents) record by record, straight from
 * the bytes Kafka fetched: keys and values arrive as {@link ByteBuffer} views of the fetch response and are
 * copied once, into the frame. The origin side's hot path, where an intermediate {@code byte[]} per key and
 * value would double the copying and the garbage of every replicated gigabyte.
 *
 * <p>Use: {@link #record} for each record, then {@link #header} exactly as many times as it announced, then
 * {@link #finish()}. Not thread-safe; one frame, one use.
 */
public final class RecordBatchFrame {

    /** Fixed bytes a record takes besides its key, value and headers: offset, timestamp, three lengths/counts. */
    static final int RECORD_OVERHEAD = 8 + 8 + 4 + 4 + 4;
    /** Fixed bytes a header takes besides its key and value: two lengths. */
    static final int HEADER_OVERHEAD = 4 + 4;

    private final Buffer out;
    private final int countPosition;
    private int records;

    private RecordBatchFrame(Buffer out, int countPosition) {
        this.out = out;
        this.countPosition = countPosition;
    }

    /** A frame for records of one partition; {@code recordsBytes} sizes the buffer (it grows if short). */
    public static RecordBatchFrame start(String stream, int subscription, int partition, int recordsBytes) {
        byte[] name = stream.getBytes(StandardCharsets.UTF_8);
        Buffer out = Buffer.buffer(20 + name.length + recordsBytes)
                .appendByte(RecordBatchCodec.MAGIC)
                .appendByte(RecordBatchCodec.KIND_RECORD_BATCH)
                .appendUnsignedShort(name.length)
                .appendBytes(name)
                .appendInt(subscription)
                .appendInt(partition);
        int countPosition = out.length();
        return new RecordBatchFrame(out.appendInt(0), countPosition);
    }

    /** Upper bound of the bytes a record takes in a frame, for cutting batches at a size; header keys as UTF-16 units. */
    public static int recordSize(int keyBytes, int valueBytes, int headersSize) {
        return RECORD_OVERHEAD + keyBytes + valueBytes + headersSize;
    }

    /** Upper bound of the bytes a header takes in a frame: a key char is at most three UTF-8 bytes. */
    public static int headerSize(String key, byte[] value) {
        return HEADER_OVERHEAD + key.length() * 3 + (value == null ? 0 : value.length);
    }

    /** Bytes of a possibly null key or value. */
    public static int length(ByteBuffer bytes) {
        return bytes == null ? 0 : bytes.remaining();
    }

    /** Appends a record's fixed part; its {@code headerCount} headers must follow. Leaves the buffers' positions alone. */
    public RecordBatchFrame record(long offset, long timestamp, ByteBuffer key, ByteBuffer value, int headerCount) {
        out.appendLong(offset).appendLong(timestamp);
        appendNullable(key);
        appendNullable(value);
        out.appendInt(headerCount);
        records++;
        return this;
    }

    public RecordBatchFrame header(String key, byte[] value) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        out.appendInt(name.length).appendBytes(name);
        if (value == null) {
            out.appendInt(-1);
        } else {
            out.appendInt(value.length).appendBytes(value);
        }
        return this;
    }

    /** The frame, with its record count filled in. */
    public Buffer finish() {
        return out.setInt(countPosition, records);
    }

    private void appendNullable(ByteBuffer bytes) {
        if (bytes == null) {
            out.appendInt(-1);
            return;
        }
        int length = bytes.remaining();
        out.appendInt(length);
        if (bytes.hasArray()) {
            out.appendBytes(bytes.array(), bytes.arrayOffset() + bytes.position(), length);
        } else {
            byte[] copy = new byte[length];
            bytes.duplicate().get(copy);
            out.appendBytes(copy);
        }
    }
}
