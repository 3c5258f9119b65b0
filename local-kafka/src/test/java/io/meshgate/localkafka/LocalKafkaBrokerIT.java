package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.localkafka.LocalKafkaBroker.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** One real broker shared by the class; it is killed and restarted in place, and stopped last. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalKafkaBrokerIT {

    private static final String ORDERS = "orders";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 1_000;

    @TempDir
    static Path dataDir;

    private static LocalKafkaBroker broker;

    @BeforeAll
    static void startBrokerAndProduceOrders() throws Exception {
        broker = LocalKafkaBroker.start(Settings.of(dataDir).withName("it-broker").withHeapMb(256));
        TestClients.createTopic(broker, ORDERS, PARTITIONS);
        try (KafkaProducer<String, String> producer = TestClients.producer(broker)) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(ORDERS, i % PARTITIONS, "key-" + i, String.valueOf(i)));
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void groupConsumerReadsAllRecordsInOrderPerPartition() {
        List<ConsumerRecord<String, String>> records;
        try (KafkaConsumer<String, String> consumer = TestClients.groupConsumer(broker, "it-group", ORDERS)) {
            records = TestClients.consume(consumer, RECORDS);
        }

        assertEquals(RECORDS, records.size());
        assertEquals(expectedValuesPerPartition(), valuesPerPartition(records));
    }

    @Test
    @Order(2)
    void aTopicFromNewTopicsTakesABurstWrittenTheMomentItExists() throws Exception {
        String topic = "burst";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic(topic, 6, (short) 1)));
        }
        AtomicInteger failed = new AtomicInteger();
        try (KafkaProducer<String, String> producer = TestClients.producer(broker)) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, i % 6, "key-" + i, "x".repeat(1024)), (metadata, failure) -> {
                    if (failure != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        assertEquals(0, failed.get(), "records the broker refused");
        try (KafkaConsumer<String, String> consumer = TestClients.assignedConsumer(broker, "read_uncommitted",
                IntStream.range(0, 6).mapToObj(p -> new TopicPartition(topic, p)).toList())) {
            assertEquals(RECORDS, TestClients.consumeToEnd(consumer).size());
        }
    }

    @Test
    @Order(2)
    void newTopicsNamesTheTopicItCouldNotCreate() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            LocalKafkaBrokerException exists = assertThrows(LocalKafkaBrokerException.class,
                    () -> NewTopics.create(admin, List.of(new NewTopic(ORDERS, 1, (short) 1))));
            assertTrue(exists.getMessage().contains("create topics [orders]")
                    && exists.getMessage().contains("TopicExistsException"), exists.getMessage());
        }
    }

    @Test
    @Order(2)
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        String topic = "transactional";
        TestClients.createTopic(broker, topic, 1);
        try (KafkaProducer<String, String> producer = TestClients.transactionalProducer(broker, "it-txn")) {
            producer.initTransactions();
            producer.beginTransaction();
            IntStream.range(0, 10).forEach(i -> producer.send(new ProducerRecord<>(topic, "committed-" + i)));
            producer.commitTransaction();
            producer.beginTransaction();
            IntStream.range(0, 5).forEach(i -> producer.send(new ProducerRecord<>(topic, "aborted-" + i)));
            producer.flush();
            producer.abortTransaction();
        }

        List<String> values;
        try (KafkaConsumer<String, String> consumer = TestClients.assignedConsumer(broker, "read_committed",
                List.of(new TopicPartition(topic, 0)))) {
            values = TestClients.consumeToEnd(consumer).stream().map(ConsumerRecord::value).toList();
        }

        assertEquals(IntStream.range(0, 10).mapToObj(i -> "committed-" + i).toList(), values);
    }

    @Test
    @Order(3)
    void killedBrokerRestartsOnSameDataDirAndPortsWithItsData() {
        String bootstrap = broker.bootstrapServers();
        String clusterId = broker.clusterId();
        long killedPid = broker.pid();

        broker.kill();
        assertFalse(broker.isAlive());
        assertFalse(ProcessChecks.isRunning(killedPid));

        broker.restart();
        assertTrue(broker.isAlive());
        assertEquals(bootstrap, broker.bootstrapServers());
        assertEquals(clusterId, broker.clusterId());
        assertEquals(expectedValuesPerPartition(), valuesPerPartition(readAllOrders()));
    }

    @Test
    @Order(4)
    void stoppedBrokerIsGoneAndItsPortFree() {
        long pid = broker.pid();
        int port = broker.port();

        broker.stop();
        broker.stop(); // idempotent

        assertFalse(broker.isAlive());
        assertFalse(ProcessChecks.isRunning(pid));
        assertTrue(FreePorts.isFree("127.0.0.1", port));
    }

    @Test
    @Order(5)
    void startingAgainOnTheDataDirReusesClusterIdPortsAndData() {
        LocalKafkaBroker stopped = broker;

        broker = LocalKafkaBroker.start(stopped.settings());

        assertEquals(stopped.clusterId(), broker.clusterId());
        assertEquals(stopped.port(), broker.port());
        assertEquals(stopped.controllerPort(), broker.controllerPort());
        assertEquals(RECORDS, readAllOrders().size());
    }

    private static List<ConsumerRecord<String, String>> readAllOrders() {
        List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new TopicPartition(ORDERS, p)).toList();
        try (KafkaConsumer<String, String> consumer = TestClients.assignedConsumer(broker, "read_uncommitted", partitions)) {
            return TestClients.consumeToEnd(consumer);
        }
    }

    private static Map<Integer, List<String>> expectedValuesPerPartition() {
        return IntStream.range(0, RECORDS).boxed().collect(Collectors.groupingBy(i -> i % PARTITIONS, TreeMap::new,
                Collectors.mapping(String::valueOf, Collectors.toList())));
    }

    /** Values by partition in offset order, checking that offsets have no gap. */
    private static Map<Integer, List<String>> valuesPerPartition(List<ConsumerRecord<String, String>> records) {
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = records.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition, TreeMap::new, Collectors.toList()));
        Map<Integer, List<String>> values = new TreeMap<>();
        byPartition.forEach((partition, list) -> {
            List<String> inOrder = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                assertEquals(i, list.get(i).offset(), "offset in partition " + partition);
                inOrder.add(list.get(i).value());
            }
            values.put(partition, inOrder);
        });
        return values;
    }
}
