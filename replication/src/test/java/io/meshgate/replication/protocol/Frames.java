package io.meshgate.replication.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.replication.protocol.ReplicatedRecord.RecordHeader;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds record batch frames by hand, field by field, so tests can write exactly the corrupt frame they mean;
 * and compares batches by content, since records hold byte arrays.
 */
final class Frames {

    static final String MALFORMED = "link.frame.malformed";

    private final Buffer buffer = Buffer.buffer();

    Frames() {
    }

    /** Magic, kind, stream, subscription, partition and record count, as the codec writes them. */
    static Frames batchHeader(String stream, int partition, int count) {
        byte[] name = stream.getBytes(StandardCharsets.UTF_8);
        return new Frames().u8(RecordBatchCodec.MAGIC).u8(RecordBatchCodec.KIND_RECORD_BATCH)
                .u16(name.length).bytes(name).i32(7).i32(partition).i32(count);
    }

    Frames u8(int value) {
        buffer.appendByte((byte) value);
        return this;
    }

    Frames u16(int value) {
        buffer.appendUnsignedShort(value);
        return this;
    }

    Frames i32(int value) {
        buffer.appendInt(value);
        return this;
    }

    Frames i64(long value) {
        buffer.appendLong(value);
        return this;
    }

    Frames bytes(byte[] value) {
        buffer.appendBytes(value);
        return this;
    }

    /** Offset and timestamp of a record, then null key, null value and no headers. */
    Frames plainRecord(long offset) {
        return i64(offset).i64(1_000L).i32(-1).i32(-1).i32(0);
    }

    Buffer build() {
        return buffer.copy();
    }

    static ReplicatedRecord record(long offset, String key, String value, RecordHeader... headers) {
        return new ReplicatedRecord(offset, 1_700_000_000_000L + offset, utf8(key), utf8(value), List.of(headers));
    }

    static RecordHeader header(String key, String value) {
        return new RecordHeader(key, utf8(value));
    }

    static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Decoding fails with the malformed-frame code and a message containing every one of {@code parts}. */
    static LinkProtocolException assertMalformed(Buffer frame, String... parts) {
        LinkProtocolException e = assertThrows(LinkProtocolException.class, () -> RecordBatchCodec.decode(frame));
        assertEquals(MALFORMED, e.code());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' should contain '" + part + "'");
        }
        return e;
    }

    static void assertSameBatch(RecordBatch expected, RecordBatch actual) {
        assertEquals(expected.stream(), actual.stream(), "stream");
        assertEquals(expected.subscription(), actual.subscription(), "subscription");
        assertEquals(expected.partition(), actual.partition(), "partition");
        assertEquals(expected.records().size(), actual.records().size(), "record count");
        for (int i = 0; i < expected.records().size(); i++) {
            assertSameRecord(expected.records().get(i), actual.records().get(i), "record " + i);
        }
    }

    private static void assertSameRecord(ReplicatedRecord expected, ReplicatedRecord actual, String what) {
        assertEquals(expected.offset(), actual.offset(), what + " offset");
        assertEquals(expected.timestamp(), actual.timestamp(), what + " timestamp");
        assertArrayEquals(expected.key(), actual.key(), what + " key");
        assertArrayEquals(expected.value(), actual.value(), what + " value");
        assertEquals(expected.headers().size(), actual.headers().size(), what + " header count");
        for (int h = 0; h < expected.headers().size(); h++) {
            assertEquals(expected.headers().get(h).key(), actual.headers().get(h).key(), what + " header " + h + " key");
            assertArrayEquals(expected.headers().get(h).value(), actual.headers().get(h).value(), what + " header " + h + " value");
        }
    }
}
