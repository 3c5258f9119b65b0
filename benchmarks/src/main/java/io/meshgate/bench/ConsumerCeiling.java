package io.meshgate.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The ceiling for reading: a plain Kafka consumer reading every benchmark record back from the origin broker. */
final class ConsumerCeiling {

    private static final Duration POLL = Duration.ofMillis(200);

    private ConsumerCeiling() {
    }

    static Throughput drain(BenchBrokers brokers, String topic, ReplicationBenchSettings settings, Duration timeout) {
        CpuClock jvmCpu = CpuClock.thisJvm();
        CpuClock jvmJit = CpuClock.jitCompilersOfThisJvm();
        CpuClock brokerCpu = CpuClock.of(brokers.pids());
        Map<String, Object> config = SocketBuffers.osSized(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers.origin().bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "meshgate-bench-consumer-ceiling",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, settings.partitions())
                    .mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long jvmCpuStart = jvmCpu.nanos();
            long jvmJitStart = jvmJit.nanos();
            long brokerCpuStart = brokerCpu.nanos();
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            long records = 0;
            long bytes = 0;
            while (records < settings.records() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    records++;
                    bytes += record.serializedValueSize();
                }
            }
            long nanos = System.nanoTime() - start;
            return new Throughput("consumer ceiling", records, settings.records(), bytes, nanos, -1,
                    jvmCpu.since(jvmCpuStart), jvmJit.since(jvmJitStart), brokerCpu.since(brokerCpuStart));
        }
    }
}
