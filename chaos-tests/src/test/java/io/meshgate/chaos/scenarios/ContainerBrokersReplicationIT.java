package io.meshgate.chaos.scenarios;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.localkafka.FreePorts;
import io.meshgate.localkafka.NewTopics;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same replication, between two brokers in containers (the official apache/kafka image), for machines with
 * a Docker engine. Where there is none, JUnit reports this class as skipped with Testcontainers' reason; every
 * other test runs real brokers as child processes and never needs Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokersReplicationIT {

    private static final String IMAGE = "apache/kafka:4.1.0";

    @Container
    static final KafkaContainer EU_WEST = new KafkaContainer(IMAGE);
    @Container
    static final KafkaContainer US_EAST = new KafkaContainer(IMAGE);

    @Test
    void replicatesBetweenContainerBrokers() throws Exception {
        int euPort = FreePorts.pick();
        int usPort = FreePorts.pick();
        MeshConfig mesh = MeshConfigLoader.parse("""
                regions:
                  eu-west: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                  us-east: {bootstrap-servers: "%s", gateway: "http://127.0.0.1:%d"}
                streams:
                  orders: {origins: [eu-west]}
                """.formatted(EU_WEST.getBootstrapServers(), euPort, US_EAST.getBootstrapServers(), usPort), "containers.yaml");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EU_WEST.getBootstrapServers()))) {
            NewTopics.create(admin, List.of(new NewTopic("orders", 2, (short) 1)));
        }
        Vertx vertx = Vertx.vertx();
        try {
            MeshGateway eu = start(vertx, GatewaySettings.forRegion(mesh, "eu-west", "eu-west-1"));
            MeshGateway us = start(vertx, GatewaySettings.forRegion(mesh, "us-east", "us-east-1"));
            SequencedRecords.produce(EU_WEST.getBootstrapServers(), "orders", 0, 1_000);
            ReplicaAssertions.assertExactReplica("eu-west",
                    SequencedRecords.readAtLeast(EU_WEST.getBootstrapServers(), "orders", 1_000, Duration.ofSeconds(30)),
                    SequencedRecords.readAtLeast(US_EAST.getBootstrapServers(), "eu-west.orders", 1_000, Duration.ofSeconds(60)));
            us.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            eu.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static MeshGateway start(Vertx vertx, GatewaySettings settings) throws Exception {
        return MeshGateway.start(vertx, settings).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
