package io.meshgate.chaos.scenarios;

import io.meshgate.localkafka.NewTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replica topics match their origin: created with its partition count and configs (a compacted origin gives a
 * compacted replica), and grown when partitions are added at the origin, records of the new partition included.
 */
class ReplicaTopicShapeIT {

    private static final String STREAMS = """
            streams:
              customers:
                origins: [eu-west]
            """;
    private static final String LINKS = ScenarioYaml.FAST_LINKS;

    @TempDir
    static Path dataDir;
    static TwoRegionMesh mesh;
    static Admin origin;
    static Admin replica;

    @BeforeAll
    static void startMesh() throws Exception {
        mesh = new TwoRegionMesh(dataDir, STREAMS, LINKS, Map.of());
        origin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, mesh.euKafka.bootstrapServers()));
        replica = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, mesh.usKafka.bootstrapServers()));
        NewTopics.create(origin, List.of(new NewTopic("customers", 2, (short) 1).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2097152",
                TopicConfig.COMPRESSION_TYPE_CONFIG, "lz4"))));
    }

    @AfterAll
    static void stopMesh() throws Exception {
        origin.close();
        replica.close();
        mesh.close();
    }

    @Test
    void replicaCopiesTheOriginsConfigsAndFollowsItsPartitions() throws Exception {
        SequencedRecords.produce(mesh.euKafka.bootstrapServers(), "customers", 0, 100);
        SequencedRecords.readAtLeast(mesh.usKafka.bootstrapServers(), "eu-west.customers", 100, Duration.ofSeconds(60));
        Config config = replica.describeConfigs(List.of(topic("eu-west.customers"))).all().get().get(topic("eu-west.customers"));
        assertEquals("compact", config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        assertEquals("2097152", config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
        assertEquals("lz4", config.get(TopicConfig.COMPRESSION_TYPE_CONFIG).value());
        assertEquals("CreateTime", config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value());
        assertEquals(2, partitions("eu-west.customers"));

        origin.createPartitions(Map.of("customers", NewPartitions.increaseTo(4))).all().get();
        await().atMost(Duration.ofSeconds(60)).until(() -> partitions("eu-west.customers") == 4);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, mesh.euKafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("customers", 3, "new-partition", "written after the origin grew")).get();
        }
        assertEquals(1, SequencedRecords.readAtLeast(mesh.usKafka.bootstrapServers(), "eu-west.customers", 101, Duration.ofSeconds(60))
                .stream().filter(record -> record.partition() == 3 && "new-partition".equals(record.key())).count(),
                "the record written to the new partition reached the replica's same partition, once");
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static int partitions(String topic) throws Exception {
        return replica.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }
}
