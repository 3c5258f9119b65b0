package io.meshgate.bench;

import io.meshgate.localkafka.LocalKafkaBroker;
import io.meshgate.observability.Events;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * meshgate's side of the fan-out benchmark, against a running gateway child: its live heap with no subscriber,
 * with one (which opens the stream's shared reader) and with all of them idle; then the origin producer at the
 * fixed rate while every subscriber records what it gets; then the check of what each one got.
 */
final class MeshgateFanout {

    static final String SYSTEM = "meshgate";
    private static final Logger LOG = LoggerFactory.getLogger(MeshgateFanout.class);
    /** How long to wait, after the last send, for the last windowed events to reach every subscriber. */
    private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(30);

    /**
     * @param heapEmpty   gateway live heap with no subscriber, bytes
     * @param heapOne     with one idle subscriber
     * @param heapAll     with every subscriber idle
     * @param sent        records the producer sent inside the window
     * @param gatewayCpu  CPU nanoseconds of the gateway process during the paced phase (warm-up, window, stragglers)
     * @param clientCpu   of this JVM meanwhile: the producer and every subscriber
     * @param brokerCpu   of the broker meanwhile
     * @param windowFrom  when the window began ({@link System#nanoTime()})
     */
    record Result(long heapEmpty, long heapOne, long heapAll, long sent, FanoutDelivery delivery, long gatewayCpu,
                  long clientCpu, long brokerCpu, long windowFrom) {
    }

    private MeshgateFanout() {
    }

    static Result measure(GatewayChild gateway, LocalKafkaBroker broker, String stream, FanoutBenchSettings settings,
                          Payloads payloads) {
        PacedWindow paced = settings.paced();
        long heapEmpty = gateway.liveHeapBytes();
        try (FanoutClients clients = new FanoutClients(gateway, stream, settings.subscribers(), settings.partitions(),
                paced.expected())) {
            clients.open(1);
            long heapOne = gateway.liveHeapBytes();
            clients.open(settings.subscribers() - 1);
            long heapAll = gateway.liveHeapBytes();
            Events.info(LOG, "bench.fanout.idle", "subscribers", clients.size(), "heapEmptyBytes", heapEmpty,
                    "heapOneBytes", heapOne, "heapAllBytes", heapAll);
            gateway.requireAlive();

            CpuClock gatewayCpu = CpuClock.of(List.of(gateway.pid()));
            CpuClock clientCpu = CpuClock.thisJvm();
            CpuClock brokerCpu = CpuClock.of(List.of(broker.pid()));
            long[] cpuStart = {gatewayCpu.nanos(), clientCpu.nanos(), brokerCpu.nanos()};
            WindowOffsets window = new WindowOffsets(settings.partitions());
            long sent;
            long windowFrom;
            try (PacedProducer producer = new PacedProducer(broker.bootstrapServers(), stream, payloads)) {
                windowFrom = System.nanoTime() + paced.warmup().toNanos();
                long windowUntil = windowFrom + paced.window().toNanos();
                clients.tally().window(windowFrom, windowUntil);
                Events.info(LOG, "bench.fanout.producing", "rate", paced.rate(), "subscribers", clients.size(),
                        "warmupSeconds", paced.warmup().toSeconds(), "seconds", paced.window().toSeconds());
                sent = producer.run(paced.rate(), windowUntil - System.nanoTime(), windowFrom, windowUntil, window);
            }
            awaitDeliveries(clients, window.records() * clients.size());
            long[] cpu = {gatewayCpu.since(cpuStart[0]), clientCpu.since(cpuStart[1]), brokerCpu.since(cpuStart[2])};
            gateway.requireAlive();
            FanoutDelivery delivery = FanoutDelivery.check(clients.results(), window);
            Events.info(LOG, "bench.fanout.done", "sent", sent, "delivered", delivery.delivered(), "missing", delivery.missing(),
                    "duplicates", delivery.duplicates(), "outOfOrder", delivery.outOfOrder());
            return new Result(heapEmpty, heapOne, heapAll, sent, delivery, cpu[0], cpu[1], cpu[2], windowFrom);
        }
    }

    /** Returns once every windowed event reached every subscriber, or after the straggler wait: the check says what lacks. */
    private static void awaitDeliveries(FanoutClients clients, long expected) {
        try {
            await().atMost(STRAGGLER_WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> clients.tally().deliveredSoFar() >= expected);
        } catch (ConditionTimeoutException e) {
            Events.warn(LOG, "bench.fanout.incomplete", "expected", expected, "delivered", clients.tally().deliveredSoFar(),
                    "waitedSeconds", STRAGGLER_WAIT.toSeconds());
        }
    }
}
