package io.meshgate.replication.origin;

import io.meshgate.config.LinkSettings;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.RecordBatchFrame;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Streams one origin topic to one subscribed peer: reads the local topic from the peer's positions with a
 * read-committed consumer and writes record batches to the link. It polls again only once the link's write
 * queue has room, so a slow WAN holds the backlog in Kafka rather than in gateway memory.
 *
 * <p>Runs on the link session's event loop; the Vert.x Kafka consumer does its blocking work on a worker.
 */
final class StreamPublisher {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);

    private final String stream;
    private final String topic;
    private final int subscription;
    private final LinkSettings settings;
    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private final LinkWriter writer;
    private final Consumer<Throwable> failureHandler;
    private boolean closed;
    private boolean waitingForDrain;

    /** Where a publisher writes its frames; the session owns the socket and its drain signal. */
    interface LinkWriter {
        boolean full();

        Future<Void> write(Buffer frame);
    }

    StreamPublisher(Vertx vertx, LocalCluster cluster, String stream, String topic, int subscription,
                    String peerRegion, LinkSettings settings, LinkWriter writer, Consumer<Throwable> failureHandler) {
        this.stream = stream;
        this.topic = topic;
        this.subscription = subscription;
        this.settings = settings;
        this.writer = writer;
        this.failureHandler = failureHandler;
        Map<String, String> properties = cluster.clientProperties();
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "meshgate-link-" + stream + "-to-" + peerRegion);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxBatchRecords() * 4));
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        this.consumer = KafkaConsumer.create(vertx, properties, new ByteBufferDeserializer(), new ByteBufferDeserializer());
    }

    /**
     * Assigns every partition and seeks to the given positions; partitions without one start at the log start.
     * A position the origin no longer holds (retention deleted it before it was replicated) is a gap: reported
     * to {@code gaps} with the offsets lost, never skipped in silence; replication goes on from the log start.
     */
    Future<Void> start(int partitions, Map<Integer, Long> positions, GapListener gaps) {
        Set<TopicPartition> assignment = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p))
                .collect(Collectors.toSet());
        return consumer.assign(assignment)
                .compose(v -> consumer.beginningOffsets(assignment))
                .compose(logStarts -> {
                    Future<Void> seeks = Future.succeededFuture();
                    for (TopicPartition partition : assignment) {
                        Long position = positions.get(partition.getPartition());
                        long logStart = logStarts.getOrDefault(partition, 0L);
                        if (position != null && position < logStart) {
                            gaps.onGap(partition.getPartition(), position, logStart);
                        }
                        seeks = seeks.compose(x -> position == null || position < logStart
                                ? consumer.seekToBeginning(partition)
                                : consumer.seek(partition, position));
                    }
                    return seeks;
                })
                .onSuccess(v -> pump());
    }

    /** Told of origin offsets {@code [from, to)} of a partition that are gone before they were replicated. */
    interface GapListener {
        void onGap(int partition, long from, long to);
    }

    /** Called by the session when the link's write queue drained. */
    void onDrain() {
        if (waitingForDrain) {
            waitingForDrain = false;
            pump();
        }
    }

    Future<Void> close() {
        closed = true;
        return consumer.close();
    }

    private void pump() {
        if (closed) {
            return;
        }
        try {
            if (writer.full()) {
                waitingForDrain = true;
                return;
            }
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        consumer.poll(POLL_TIMEOUT)
                .onSuccess(records -> {
                    try {
                        send(records);
                    } catch (RuntimeException e) {
                        // Never a silent stop with the link still up: the receiver hears of it and subscribes again.
                        fail(e);
                        return;
                    }
                    pump();
                })
                .onFailure(this::fail);
    }

    private void fail(Throwable failure) {
        if (!closed) {
            failureHandler.accept(failure);
        }
    }

    private void send(KafkaConsumerRecords<ByteBuffer, ByteBuffer> polled) {
        ConsumerRecords<ByteBuffer, ByteBuffer> records = polled.records();
        for (org.apache.kafka.common.TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> chunk = new ArrayList<>();
            int chunkBytes = 0;
            for (ConsumerRecord<ByteBuffer, ByteBuffer> record : records.records(partition)) {
                int size = sizeOf(record);
                if (!chunk.isEmpty() && (chunk.size() >= settings.maxBatchRecords()
                        || chunkBytes + size > settings.maxBatchBytes())) {
                    writeBatch(partition.partition(), chunk, chunkBytes);
                    chunk = new ArrayList<>();
                    chunkBytes = 0;
                }
                chunk.add(record);
                chunkBytes += size;
            }
            if (!chunk.isEmpty()) {
                writeBatch(partition.partition(), chunk, chunkBytes);
            }
        }
    }

    /** Encodes straight from the fetched bytes: one copy of each key and value, into the frame. */
    private void writeBatch(int partition, List<ConsumerRecord<ByteBuffer, ByteBuffer>> records, int bytes) {
        RecordBatchFrame frame = RecordBatchFrame.start(stream, subscription, partition, bytes);
        for (ConsumerRecord<ByteBuffer, ByteBuffer> record : records) {
            Header[] headers = record.headers().toArray();
            frame.record(record.offset(), record.timestamp(), record.key(), record.value(), headers.length);
            for (Header header : headers) {
                frame.header(header.key(), header.value());
            }
        }
        writer.write(frame.finish());
    }

    private static int sizeOf(ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        int headersSize = 0;
        for (Header header : record.headers()) {
            headersSize += RecordBatchFrame.headerSize(header.key(), header.value());
        }
        return RecordBatchFrame.recordSize(RecordBatchFrame.length(record.key()), RecordBatchFrame.length(record.value()),
                headersSize);
    }
}
