package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code meshgate bench startup}: how long a pair of cold gateways takes from launch to replicating, and where
 * that time goes. Each run starts two fresh brokers (so the receiving region's positions topic and transaction
 * state are created, as in the first meshgate run of {@code bench replication}), fills the origin topics, waits
 * for the machine to quiet down, and times a new gateway pair with {@link StartupRun}. The gateways' logs are
 * kept in {@link #LOGS_VARIABLE}'s folder when it is set, for a closer look.
 */
final class StartupBenchmark {

    static final String LOGS_VARIABLE = "MESHGATE_BENCH_KEEP_LOGS";
    private static final Logger LOG = LoggerFactory.getLogger(StartupBenchmark.class);
    /** Lets the brokers finish their start-up and the fill's background work before the clock starts. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final String TOPIC = "orders";
    private static final String LATENCY_TOPIC = "latency";

    private final StartupBenchSettings settings;
    private final String command;

    StartupBenchmark(StartupBenchSettings settings, String command) {
        this.settings = settings;
        this.command = command;
    }

    StartupReport run() {
        Payloads payloads = new Payloads(ReplicationBenchSettings.DEFAULT_RECORD_BYTES, 42);
        List<StartupRun.Times> runs = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            StartupRun.Times times = runOnce(run, payloads);
            Events.info(LOG, "bench.startup.run", "run", run, "times", times);
            runs.add(times);
        }
        return new StartupReport(settings, command, MachineInfo.current(), runs);
    }

    private StartupRun.Times runOnce(int run, Payloads payloads) {
        try (WorkDir work = WorkDir.create();
             BenchBrokers brokers = BenchBrokers.start(work.path(), ReplicationBenchSettings.BROKER_HEAP_MB)) {
            try (BenchAdmin originAdmin = new BenchAdmin("origin", brokers.origin().bootstrapServers())) {
                originAdmin.createTopics(List.of(TOPIC, LATENCY_TOPIC), settings.partitions());
            }
            fill(brokers, TOPIC, payloads);
            LockSupport.parkNanos(QUIET.toNanos());
            Map<String, String> streams = new LinkedHashMap<>();
            streams.put(MeshgateRun.STREAM, TOPIC);
            streams.put(MeshgateRun.LATENCY_STREAM, LATENCY_TOPIC);
            Path runDir = work.path().resolve("run-" + run);
            try {
                return StartupRun.measure(runDir, brokers, streams, MeshgateRun.STREAM, settings.records());
            } finally {
                keepLogs(runDir, run);
            }
        }
    }

    private void fill(BenchBrokers brokers, String topic, Payloads payloads) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerCeiling.producerConfig(brokers.origin().bootstrapServers(), "meshgate-bench-startup-fill"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < settings.records(); i++) {
                producer.send(new ProducerRecord<>(topic, Payloads.key(i), payloads.value(i)));
            }
            producer.flush();
        }
    }

    private static void keepLogs(Path runDir, int run) {
        String keep = System.getenv().getOrDefault(LOGS_VARIABLE, "");
        if (keep.isBlank()) {
            return;
        }
        try (var logs = Files.list(runDir)) {
            Path target = Files.createDirectories(Path.of(keep, "run-" + run));
            for (Path log : logs.filter(file -> file.toString().endsWith(".log")).toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Events.warn(LOG, "bench.startup.logs-not-kept", "run", run, "cause", e.getMessage());
        }
    }
}
