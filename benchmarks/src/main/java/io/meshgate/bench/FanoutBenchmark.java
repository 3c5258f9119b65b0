package io.meshgate.bench;

import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fan-out benchmark, in one run on one broker: one meshgate gateway in a child process pushes one stream to
 * N WebSocket subscribers in this JVM while the origin producer writes at a fixed rate; then, with the gateway
 * stopped, a plain Kafka consumer reads the same topic at the same rate (the ceiling). One after the other,
 * never together, so neither competes with the other for this machine's cores.
 */
final class FanoutBenchmark {

    static final String STREAM = "fanout";
    static final String REGION = "eu-west";
    static final String CEILING = "plain KafkaConsumer (ceiling)";
    private static final Logger LOG = LoggerFactory.getLogger(FanoutBenchmark.class);

    private final FanoutBenchSettings settings;
    private final String command;

    FanoutBenchmark(FanoutBenchSettings settings, String command) {
        this.settings = settings;
        this.command = command;
    }

    FanoutReport run() {
        RunClock clock = new RunClock();
        Payloads payloads = new Payloads(settings.recordBytes(), 42);
        Events.info(LOG, "bench.started", "benchmark", FanoutBenchSettings.NAME, "subscribers", settings.subscribers(), "rate", settings.rate(),
                "seconds", settings.seconds(), "recordBytes", settings.recordBytes(), "partitions", settings.partitions());
        try (WorkDir work = WorkDir.create();
             LocalKafkaBroker broker = BenchBrokers.startBroker(work.path(), "origin", FanoutBenchSettings.BROKER_HEAP_MB);
             BenchAdmin admin = new BenchAdmin("origin", broker.bootstrapServers())) {
            admin.createTopics(List.of(STREAM), settings.partitions());
            int port = FreePorts.pick();
            Path config = writeConfig(work.path(), broker.bootstrapServers(), port);
            MeshgateFanout.Result meshgate;
            long gatewayCpu;
            try (GatewayChild gateway = GatewayChild.start(work.path(), REGION, config, port,
                    FanoutBenchSettings.GATEWAY_HEAP_MB)) {
                meshgate = MeshgateFanout.measure(gateway, broker, STREAM, settings, payloads);
                gatewayCpu = CpuClock.of(List.of(gateway.pid())).nanos();
            }
            LatencyProbe.Route sameTopic = new LatencyProbe.Route(broker.bootstrapServers(), STREAM,
                    broker.bootstrapServers(), STREAM);
            LatencyResult ceiling = LatencyProbe.measure(CEILING, sameTopic, settings.partitions(), settings.paced(), payloads);

            MachineLoad load = clock.load(CpuClock.of(List.of(broker.pid())).nanos() + gatewayCpu);
            return new FanoutReport(settings, command, clock.started(), clock.elapsed(), MachineInfo.current(), load,
                    meshgate, ceiling);
        }
    }

    /**
     * A one-region mesh: the stream is written and read in the same region, so the gateway needs no link. The
     * subscription limits leave room for every subscriber, which all come from one host and so count as one client.
     */
    static String meshYaml(String bootstrapServers, int port, int subscribers) {
        int limit = subscribers + 100;
        return "mesh: bench-fanout\n"
                + "regions:\n"
                + "  " + REGION + ":\n"
                + "    bootstrap-servers: " + bootstrapServers + "\n"
                + "    gateway: http://127.0.0.1:" + port + "\n"
                + "streams:\n"
                + "  " + STREAM + ":\n"
                + "    topic: " + STREAM + "\n"
                + "    origins: [" + REGION + "]\n"
                + "subscriptions:\n"
                + "  max-subscriptions: " + limit + "\n"
                + "  max-per-client: " + limit + "\n";
    }

    private Path writeConfig(Path workDir, String bootstrapServers, int port) {
        Path config = workDir.resolve("mesh.yaml");
        try {
            Files.writeString(config, meshYaml(bootstrapServers, port, settings.subscribers()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        return config;
    }
}
