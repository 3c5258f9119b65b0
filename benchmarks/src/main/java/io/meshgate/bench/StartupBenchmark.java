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
 * that time goes, with the launcher's start-up archive and without it. Each round times both, alternating which
 * goes first so that drift on a noisy machine does not favour either. Each run starts two fresh brokers (so the receiving region's positions topic and transaction
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
        RunClock clock = new RunClock();
        Payloads payloads = new Payloads(ReplicationBenchSettings.DEFAULT_RECORD_BYTES, 42);
        List<StartupRun.Times> withArchive = new ArrayList<>();
        List<StartupRun.Times> withoutArchive = new ArrayList<>();
        for (int round = 1; round <= settings.runs(); round++) {
            // Without the launcher there is no archive to compare with: then only the runs without it.
            List<Boolean> order = !GatewayChild.throughLauncher() ? List.of(false)
                    : round % 2 == 1 ? List.of(true, false) : List.of(false, true);
            for (boolean archive : order) {
                StartupRun.Times times = runOnce(round, archive, payloads);
                Events.info(LOG, "bench.startup.run", "round", round, "startupArchive", archive, "times", times);
                (archive ? withArchive : withoutArchive).add(times);
            }
        }
        return new StartupReport(settings, command, clock.started(), clock.elapsed(), MachineInfo.current(), withArchive,
                withoutArchive);
    }

    private StartupRun.Times runOnce(int round, boolean archive, Payloads payloads) {
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
            String name = "run-" + round + (archive ? "-archive" : "-no-archive");
            Path runDir = work.path().resolve(name);
            try {
                return StartupRun.measure(runDir, brokers, streams, MeshgateRun.STREAM, settings.records(), archive);
            } finally {
                keepLogs(runDir, name);
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

    private static void keepLogs(Path runDir, String run) {
        String keep = System.getenv().getOrDefault(LOGS_VARIABLE, "");
        if (keep.isBlank()) {
            return;
        }
        try (var logs = Files.list(runDir)) {
            Path target = Files.createDirectories(Path.of(keep, run));
            for (Path log : logs.filter(file -> file.toString().endsWith(".log")).toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Events.warn(LOG, "bench.startup.logs-not-kept", "run", run, "cause", e.getMessage());
        }
    }
}
