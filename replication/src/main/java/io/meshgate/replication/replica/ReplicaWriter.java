package io.meshgate.replication.replica;

import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.LinkProtocol;
import io.meshgate.replication.protocol.RecordBatch;
import io.meshgate.replication.protocol.ReplicatedRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes replica records and their positions in one Kafka transaction per call. The transactional id is
 * fixed per (region, stream, origin), so a restarted or competing gateway fences this one: two writers can
 * never both commit for the same stream.
 *
 * <p>Not thread-safe and blocking: each writer is used by one replicator, from a worker thread, one call at a time.
 */
final class ReplicaWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String stream;
    private final String origin;
    private final String replicaTopic;
    private final byte[] originBytes;

    ReplicaWriter(LocalCluster cluster, String stream, String origin, String replicaTopic) {
        this.stream = stream;
        this.origin = origin;
        this.replicaTopic = replicaTopic;
        this.originBytes = origin.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> properties = new HashMap<>(cluster.clientProperties());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(cluster.regionId(), stream, origin));
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "meshgate-replica-" + stream + "-from-" + origin);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        // Back-to-back transactions: the first send of the next one is answered CONCURRENT_TRANSACTIONS while the
        // broker still writes the last one's markers (a few ms, more on a busy broker). Kafka's default 100 ms retry
        // backoff would stall every group commit that long, and so would a backoff allowed to grow to 100 ms while
        // the broker is busy: retry soon, and never wait more than 10 ms between tries.
        properties.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 2);
        properties.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 10);
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static String transactionalId(String region, String stream, String origin) {
        return "meshgate." + region + "." + stream + "." + origin;
    }

    /** Fences any earlier writer with the same transactional id and resolves its open transaction. */
    void init() {
        producer.initTransactions();
    }

    /**
     * Writes the batches to the replica topic, same partition, key, value, timestamp and headers plus the
     * origin headers, and the positions after them, atomically. Throws if the transaction did not commit; the
     * caller then closes this writer and starts over from the stored positions.
     */
    void write(List<RecordBatch> batches, Map<Integer, Long> positionsAfter) {
        producer.beginTransaction();
        try {
            for (RecordBatch batch : batches) {
                for (ReplicatedRecord record : batch.records()) {
                    producer.send(toReplicaRecord(batch.partition(), record));
                }
            }
            positionsAfter.forEach((partition, next) ->
                    producer.send(PositionStore.positionRecord(stream, origin, partition, next)));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abortQuietly();
            throw e;
        }
    }

    private ProducerRecord<byte[], byte[]> toReplicaRecord(int partition, ReplicatedRecord record) {
        RecordHeaders headers = new RecordHeaders();
        int hops = 1;
        for (ReplicatedRecord.RecordHeader header : record.headers()) {
            if (LinkProtocol.HOPS_HEADER.equals(header.key())) {
                hops = Hops.parse(header.value()) + 1;
            } else {
                headers.add(header.key(), header.value());
            }
        }
        headers.add(new RecordHeader(LinkProtocol.ORIGIN_HEADER, originBytes));
        headers.add(new RecordHeader(LinkProtocol.ORIGIN_OFFSET_HEADER,
                Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(LinkProtocol.HOPS_HEADER, hops == 1 ? Hops.ONE
                : Integer.toString(hops).getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(replicaTopic, partition, record.timestamp(), record.key(), record.value(), headers);
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException ignored) {
            // Fenced or broken producer: the caller closes it; a new writer's init resolves the transaction.
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
