package io.meshgate.replication.replica;

import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.LinkProtocol;
import io.meshgate.replication.protocol.RecordBatch;
import io.meshgate.replication.protocol.ReplicatedRecord;
import org.apache.kafka.clients.producer.Callback;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes replica records and their positions in Kafka transactions: {@link #send} writes one transaction's records
 * and positions and waits until the broker has appended them, {@link #commit} then commits it. The transactional
 * id is fixed per (region, stream, origin, lane), so a restarted or competing gateway fences this one: two writers
 * can never both commit for the same stream.
 *
 * <p>Not thread-safe and blocking: each writer is used by one replicator, from a worker thread, one call at a time.
 */
final class ReplicaWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String stream;
    private final String origin;
    private final String replicaTopic;
    private final byte[] originBytes;

    /** Lane 0 keeps the transactional id of a single writer, so that it fences a gateway of an earlier version. */
    ReplicaWriter(LocalCluster cluster, String stream, String origin, String replicaTopic, int lane) {
        this.stream = stream;
        this.origin = origin;
        this.replicaTopic = replicaTopic;
        this.originBytes = origin.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> properties = new HashMap<>(cluster.clientProperties());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(cluster.regionId(), stream, origin, lane));
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "meshgate-replica-" + stream + "-from-" + origin + "-" + lane);
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

    static String transactionalId(String region, String stream, String origin, int lane) {
        String id = "meshgate." + region + "." + stream + "." + origin;
        return lane == 0 ? id : id + "#" + lane;
    }

    /** Fences any earlier writer with the same transactional id and resolves its open transaction. */
    void init() {
        producer.initTransactions();
    }

    /**
     * Begins a transaction and writes the batches to the replica topic, same partition, key, value, timestamp and
     * headers plus the origin headers, and the positions after them; returns once the broker has appended every one
     * of them, so that records sent after this return land after these in the log. Throws, the transaction aborted,
     * if a record was refused; the caller then closes this writer and starts over from the stored positions.
     */
    void send(List<RecordBatch> batches, Map<Integer, Long> positionsAfter) {
        producer.beginTransaction();
        try {
            AtomicReference<Exception> refused = new AtomicReference<>();
            Callback firstRefusal = (metadata, error) -> {
                if (error != null) {
                    refused.compareAndSet(null, error);
                }
            };
            for (RecordBatch batch : batches) {
                for (ReplicatedRecord record : batch.records()) {
                    producer.send(toReplicaRecord(batch.partition(), record), firstRefusal);
                }
            }
            positionsAfter.forEach((partition, next) ->
                    producer.send(PositionStore.positionRecord(stream, origin, partition, next), firstRefusal));
            producer.flush();
            if (refused.get() != null) {
                throw new KafkaException("the replica write was refused: " + refused.get().getMessage(), refused.get());
            }
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Commits what {@link #send} wrote. Throws, the transaction aborted, if it did not commit. */
    void commit() {
        try {
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abort();
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

    /**
     * Aborts the open transaction: after a failed send or commit, or when a transaction before it failed to commit,
     * since it must not commit after a hole. Never throws.
     */
    void abort() {
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
