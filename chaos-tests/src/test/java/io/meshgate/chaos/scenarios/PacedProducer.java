package io.meshgate.chaos.scenarios;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes records {@code 0..total-1} of {@link SequencedRecords#record} at a steady rate from a background thread,
 * so that faults strike a stream in motion rather than a backlog written up front.
 *
 * <p>Every {@value #TICK_MILLIS} ms it sends what the rate allows since the start, so a slow tick is caught up
 * on the next one. A send that fails fails {@link #awaitDone(Duration)}: a test must never mistake records the
 * origin never got for records replication lost.
 */
final class PacedProducer implements AutoCloseable {

    private static final long TICK_MILLIS = 10;

    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "paced-producer");
        thread.setDaemon(true);
        return thread;
    });
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final String topic;
    private final int total;
    private final int perSecond;
    private final long startNanos = System.nanoTime();
    private int sent;

    private PacedProducer(String bootstrap, String topic, int total, int perSecond) {
        this.topic = topic;
        this.total = total;
        this.perSecond = perSecond;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    static PacedProducer start(String bootstrap, String topic, int total, int perSecond) {
        PacedProducer paced = new PacedProducer(bootstrap, topic, total, perSecond);
        paced.ticker.scheduleAtFixedRate(paced::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return paced;
    }

    /** Records the origin broker acknowledged so far. */
    int acknowledged() {
        return acknowledged.get();
    }

    /** Waits until every record was acknowledged; throws if one failed or time ran out. */
    void awaitDone(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (done.isDone()) {
            return;
        }
        long due = Math.min(total, (System.nanoTime() - startNanos) / 1_000_000 * perSecond / 1000);
        while (sent < due) {
            producer.send(SequencedRecords.record(topic, sent), (metadata, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(new AssertionError("the origin did not take a record: " + failure, failure));
                } else if (acknowledged.incrementAndGet() == total) {
                    done.complete(null);
                }
            });
            sent++;
        }
        if (sent == total) {
            producer.flush();
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
