package io.meshgate.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes records at a fixed rate, each stamped with its send time ({@link System#nanoTime()}, comparable only
 * inside this JVM, where the latency recorder also runs). Paced by schedule, not by sleep per record: after a
 * stall it catches up, so the rate over the run is the rate asked for.
 *
 * <p>The stamp is a header holding decimal digits, so that it reads the same in a Kafka record and, as text, in
 * the headers of a subscription's JSON event frame.
 */
final class PacedProducer implements AutoCloseable {

    static final String SENT_NANOS_HEADER = "bench.sent-nanos";

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Payloads payloads;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** Where a record sent inside the counted window landed; called on the producer's I/O thread. */
    interface WindowAck {
        void acked(int partition, long offset);
    }

    PacedProducer(String bootstrapServers, String topic, Payloads payloads) {
        this.producer = new KafkaProducer<>(ProducerCeiling.producerConfig(bootstrapServers, "meshgate-bench-paced-" + topic),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.payloads = payloads;
        producer.partitionsFor(topic); // metadata before the first timed record
    }

    /**
     * Sends {@code rate} records per second for {@code nanos}, blocking; returns how many records were sent with
     * a send time in {@code [countFrom, countUntil)}.
     */
    long run(int rate, long nanos, long countFrom, long countUntil) {
        return run(rate, nanos, countFrom, countUntil, (partition, offset) -> { });
    }

    /** As {@link #run(int, long, long, long)}, telling {@code acks} where each counted record was written. */
    long run(int rate, long nanos, long countFrom, long countUntil, WindowAck acks) {
        long start = System.nanoTime();
        long total = Math.round(rate * (nanos / 1e9));
        long counted = 0;
        for (long sequence = 0; sequence < total && failure.get() == null; sequence++) {
            long due = start + Math.round(sequence * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            RecordHeaders headers = new RecordHeaders();
            headers.add(SENT_NANOS_HEADER, Long.toString(sent).getBytes(StandardCharsets.US_ASCII));
            boolean inWindow = sent >= countFrom && sent < countUntil;
            producer.send(new ProducerRecord<>(topic, null, Payloads.key(sequence), payloads.value(sequence), headers),
                    (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else if (inWindow) {
                            acks.acked(metadata.partition(), metadata.offset());
                        }
                    });
            if (inWindow) {
                counted++;
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new BenchmarkException("latency producer: a send to '" + topic + "' failed: " + failure.get().getMessage(),
                    failure.get());
        }
        return counted;
    }

    /** The send time a record of {@link #run} carries, or -1 for a record without one. */
    static long sentNanos(org.apache.kafka.common.header.Headers headers) {
        org.apache.kafka.common.header.Header header = headers.lastHeader(SENT_NANOS_HEADER);
        return header == null ? -1 : parseSentNanos(new String(header.value(), StandardCharsets.US_ASCII));
    }

    /** The send time in a stamp's text, or -1 when it is not one. */
    static long parseSentNanos(String stamp) {
        try {
            return stamp == null ? -1 : Long.parseLong(stamp);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
