package io.meshgate.gateway.startup;

import io.meshgate.localkafka.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two-region mesh of the start-up training: {@code train-origin} writes {@code orders}, {@code train-replica}
 * receives it and builds a view of it, so that one short run touches replication, subscription, views and the
 * status endpoints in both roles a gateway plays. The receiving region is a cluster of one instance, so that the
 * run also loads what instances of a region share work through (Hazelcast, the clustered view store).
 */
record TrainingMesh(Path file, String originKafka, String replicaKafka, int originPort, int replicaPort,
                    int replicaClusterPort) {

    static final String ORIGIN = "train-origin";
    static final String REPLICA = "train-replica";
    static final String STREAM = "orders";
    static final String VIEW = "orders-by-id";
    static final int PARTITIONS = 3;

    /** Writes the mesh file into {@code dir}; the gateways' ports are free ones, picked now. */
    static TrainingMesh write(Path dir, String originKafka, String replicaKafka) {
        int[] ports = FreePorts.pick(3);
        TrainingMesh mesh = new TrainingMesh(dir.resolve("mesh.yaml"), originKafka, replicaKafka, ports[0], ports[1],
                ports[2]);
        String yaml = """
                mesh: startup-training
                regions:
                  %s:
                    bootstrap-servers: %s
                    gateway: %s
                  %s:
                    bootstrap-servers: %s
                    gateway: %s
                    cluster-members: [127.0.0.1:%d]
                streams:
                  %s:
                    origins: [%s]
                    replicate-to: [%s]
                views:
                  %s:
                    stream: %s
                    key: /orderId
                links:
                  heartbeat-interval: 1s
                """.formatted(ORIGIN, originKafka, mesh.originUrl(), REPLICA, replicaKafka, mesh.replicaUrl(),
                mesh.replicaClusterPort, STREAM, ORIGIN, REPLICA, VIEW, STREAM);
        try {
            Files.writeString(mesh.file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + mesh.file, e);
        }
        return mesh;
    }

    String originUrl() {
        return "http://127.0.0.1:" + originPort;
    }

    String replicaUrl() {
        return "http://127.0.0.1:" + replicaPort;
    }
}
