package io.meshgate.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ceiling for writing: a plain Kafka producer writing all benchmark records into one broker. It also fills
 * the origin topic that the replication systems then copy.
 */
final class ProducerCeiling {

    private ProducerCeiling() {
    }

    /**
     * The producer settings every benchmark writer shares. They match what meshgate's replica writer uses
     * (acks=all, idempotence, 5 ms linger, 256 KiB batches), so the ceiling compares like with like.
     */
    static Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
        return SocketBuffers.osSized(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024));
    }

    static Throughput fill(BenchBrokers brokers, String topic, ReplicationBenchSettings settings, Payloads payloads) {
        CpuClock jvmCpu = CpuClock.thisJvm();
        CpuClock jvmJit = CpuClock.jitCompilersOfThisJvm();
        CpuClock brokerCpu = CpuClock.of(brokers.pids());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                producerConfig(brokers.origin().bootstrapServers(), "meshgate-bench-producer-ceiling"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata fetched before the clock starts, as a long-lived producer has it
            long jvmCpuStart = jvmCpu.nanos();
            long jvmJitStart = jvmJit.nanos();
            long brokerCpuStart = brokerCpu.nanos();
            long start = System.nanoTime();
            long records = writeAll(producer, topic, settings.records(), payloads, "producer ceiling");
            long nanos = System.nanoTime() - start;
            return new Throughput("producer ceiling", records, settings.records(), records * settings.recordBytes(),
                    nanos, -1, jvmCpu.since(jvmCpuStart), jvmJit.since(jvmJitStart), brokerCpu.since(brokerCpuStart));
        }
    }

    /**
     * Writes benchmark records {@code 0..records-1} into {@code topic} and waits until all are acknowledged; stops
     * at the first refusal and throws, naming {@code what} was writing. Returns the records acknowledged.
     */
    static long writeAll(KafkaProducer<byte[], byte[]> producer, String topic, long records, Payloads payloads,
                         String what) {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (long i = 0; i < records && failure.get() == null; i++) {
            producer.send(new ProducerRecord<>(topic, Payloads.key(i), payloads.value(i)), (metadata, error) -> {
                if (error == null) {
                    acknowledged.incrementAndGet();
                } else {
                    failure.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new BenchmarkException(what + ": a send failed: " + failure.get().getMessage(), failure.get());
        }
        return acknowledged.get();
    }
}
