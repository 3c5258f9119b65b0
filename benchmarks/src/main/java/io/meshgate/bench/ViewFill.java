package io.meshgate.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Fills the view: one record per key into the origin topic, with a plain producer, then waits until the view in
 * both regions holds every key (the replica's view after crossing the WAN). Lookups then only ask for keys that exist.
 */
final class ViewFill {

    private ViewFill() {
    }

    /** Returns how long it took, from the first send until both views held every key. */
    static Duration fill(WanMesh mesh, LookupValues values) {
        long start = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerCeiling.producerConfig(mesh.brokers().origin().bootstrapServers(), "meshgate-bench-view-fill"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.size() && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(LookupMesh.STREAM, values.key(i).getBytes(StandardCharsets.US_ASCII),
                        values.json(i).getBytes(StandardCharsets.US_ASCII)), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new BenchmarkException("filling the view: a send failed: " + failure.get().getMessage(), failure.get());
        }
        Duration timeout = Duration.ofSeconds(60 + values.size() / 1_000);
        for (GatewayChild gateway : new GatewayChild[] {mesh.origin(), mesh.replica()}) {
            try {
                await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                        .until(() -> gateway.viewHere(LookupMesh.VIEW).getLong("size", 0L) >= values.size());
            } catch (ConditionTimeoutException e) {
                throw new BenchmarkException("the view at gateway port " + gateway.port() + " did not hold all "
                        + values.size() + " keys within " + timeout.toSeconds() + " s: "
                        + gateway.viewHere(LookupMesh.VIEW).encode(), e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
