package io.meshgate.gateway.demo;

import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes sample orders into the demo's origin region: JSON values keyed by order id, at a steady rate, on a
 * thread of its own so the gateways' event loops never wait on it.
 */
final class OrderGenerator implements AutoCloseable {

    private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};

    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-order-generator");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong sequence = new AtomicLong();
    private final String topic;
    private final String idPrefix;

    /** Order ids start with {@code idPrefix}, so orders written in different regions never share a key. */
    OrderGenerator(String bootstrapServers, String topic, String idPrefix) {
        this.topic = topic;
        this.idPrefix = idPrefix;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "meshgate-demo-orders-" + idPrefix,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    void start(int perSecond) {
        if (perSecond > 0) {
            long periodMicros = 1_000_000L / perSecond;
            scheduler.scheduleAtFixedRate(this::sendOne, 0, Math.max(periodMicros, 1), TimeUnit.MICROSECONDS);
        }
    }

    long sent() {
        return sequence.get();
    }

    private void sendOne() {
        long n = sequence.incrementAndGet();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String orderId = idPrefix + "-%07d".formatted(n);
        JsonObject order = new JsonObject()
                .put("orderId", orderId)
                .put("customerId", CustomerGenerator.customerId(random.nextInt(1, CustomerGenerator.CUSTOMERS + 1)))
                .put("amount", Math.round(random.nextDouble(5, 500) * 100) / 100.0)
                .put("currency", CURRENCIES[random.nextInt(CURRENCIES.length)])
                .put("createdAt", Instant.now().toString());
        producer.send(new ProducerRecord<>(topic, orderId, order.encode()));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
