package io.meshgate.gateway.demo;

import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the demo's customer table alive: writes every customer once, then changes one customer's tier every
 * second. Keyed by customer id into a compacted topic, so the latest value per customer is the table.
 */
final class CustomerGenerator implements AutoCloseable {

    static final int CUSTOMERS = 50;
    private static final String[] TIERS = {"SILVER", "GOLD", "PLATINUM"};
    private static final String[] COUNTRIES = {"FR", "DE", "US", "IN", "BR", "JP"};

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-customer-generator");
        thread.setDaemon(true);
        return thread;
    });

    CustomerGenerator(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "meshgate-demo-customers"), new StringSerializer(), new StringSerializer());
    }

    void start() {
        for (int id = 1; id <= CUSTOMERS; id++) {
            send(id);
        }
        scheduler.scheduleAtFixedRate(() -> send(ThreadLocalRandom.current().nextInt(1, CUSTOMERS + 1)), 1, 1, TimeUnit.SECONDS);
    }

    private void send(int id) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String customerId = customerId(id);
        JsonObject customer = new JsonObject()
                .put("customerId", customerId)
                .put("name", "Customer " + id)
                .put("tier", TIERS[random.nextInt(TIERS.length)])
                .put("country", COUNTRIES[id % COUNTRIES.length])
                .put("updatedAt", Instant.now().toString());
        producer.send(new ProducerRecord<>(topic, customerId, customer.encode()));
    }

    static String customerId(int id) {
        return "c-%03d".formatted(id);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
