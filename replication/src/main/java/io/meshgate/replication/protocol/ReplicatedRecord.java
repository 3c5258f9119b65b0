package io.meshgate.replication.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One origin record as it crosses a link: its origin offset, timestamp, key, value and headers, byte for
 * byte. Key and value may be null (a tombstone has a null value).
 */
public record ReplicatedRecord(long offset, long timestamp, byte[] key, byte[] value, List<RecordHeader> headers) {

    public ReplicatedRecord {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /** Bytes this record occupies in a batch frame; used for batch sizing and metrics. */
    public int encodedSize() {
        int headersSize = 0;
        for (RecordHeader header : headers) {
            headersSize += RecordBatchFrame.headerSize(header.key(), header.value());
        }
        return RecordBatchFrame.recordSize(length(key), length(value), headersSize);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    /** A record header; the value may be null, as Kafka allows. */
    public record RecordHeader(String key, byte[] value) {

        public RecordHeader {
            Objects.requireNonNull(key, "header key");
        }
    }
}
