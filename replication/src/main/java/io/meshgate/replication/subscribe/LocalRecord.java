package io.meshgate.replication.subscribe;

import io.meshgate.replication.position.ReplicaSeek;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.List;

/**
 * One record of a stream as read in this region: where it sits locally (topic partition and local offset, for
 * seeking and skipping) and what it is in origin terms (origin, partition, origin offset), without a cursor yet.
 */
public record LocalRecord(TopicPartition local, long localOffset, String origin, long originOffset, long timestamp, byte[] key,
                   byte[] value, List<StreamEvent.Header> headers, int sizeBytes) {

    /** The memory a record is counted for in shared buffers: payload plus a fixed overhead for the objects around it. */
    private static final int OVERHEAD_BYTES = 160;

    static LocalRecord of(ConsumerRecord<byte[], byte[]> record, LocalSources.Source source) {
        long originOffset = source.originTopic() ? record.offset() : ReplicaSeek.originOffset(record);
        List<StreamEvent.Header> headers = new ArrayList<>(2);
        int size = OVERHEAD_BYTES + length(record.key()) + length(record.value());
        for (var header : record.headers()) {
            if (!header.key().startsWith("meshgate.")) {
                headers.add(new StreamEvent.Header(header.key(), header.value()));
                size += header.key().length() + length(header.value()) + 32;
            }
        }
        return new LocalRecord(new TopicPartition(record.topic(), record.partition()), record.offset(), source.origin(),
                originOffset, record.timestamp(), record.key(), record.value(), List.copyOf(headers), size);
    }

    public int partition() {
        return local.partition();
    }

    StreamEvent event(String stream, String cursorToken) {
        return new StreamEvent(stream, origin, local.partition(), originOffset, timestamp, key, value, headers, cursorToken);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
