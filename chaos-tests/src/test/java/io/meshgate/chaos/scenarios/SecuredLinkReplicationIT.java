package io.meshgate.chaos.scenarios;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With security on, replication runs over authenticated links: us-east's gateway signs its link handshake with the
 * secret both regions share (one keeps it in a file, as a mounted secret), crosses the WAN proxy, and the replica
 * ends exact, as on an open mesh. The refusals of bad credentials are {@code LinkAuthTest}'s (gateway module).
 */
class SecuredLinkReplicationIT {

    private static final int RECORDS = 3_000;

    @TempDir
    static Path dataDir;
    static TwoRegionMesh mesh;

    @BeforeAll
    static void startMesh() throws Exception {
        Path publicKey = dataDir.resolve("jwt.pem");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Path linkSecret = dataDir.resolve("link-secret");
        Files.writeString(linkSecret, "a secret both regions of this mesh share\n");
        String security = """
                security:
                  jwt: {public-key-file: "%s"}
                  links: {secret-file: "%s"}
                """.formatted(publicKey, linkSecret);
        mesh = new TwoRegionMesh(dataDir, ScenarioYaml.ORDERS_FROM_EU_WEST, ScenarioYaml.FAST_LINKS + security,
                Map.of("orders", 3));
        mesh.wan.latency(Duration.ofMillis(20));
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void recordsCrossAnAuthenticatedLinkExactlyOnce() throws Exception {
        String origin = mesh.euKafka.bootstrapServers();
        // Readiness is open to probes with security on, and is up only once the link is.
        await().atMost(Duration.ofSeconds(60)).until(() -> mesh.status(TwoRegionMesh.REPLICA, "/health/ready") == 200);
        assertTrue(mesh.get(TwoRegionMesh.REPLICA, "/health/ready").contains("\"links\""), "readiness includes the links");

        SequencedRecords.produce(origin, "orders", 0, RECORDS);
        List<ConsumerRecord<String, String>> originRecords = SequencedRecords.readAtLeast(origin, "orders", RECORDS, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> replicaRecords = SequencedRecords.readAtLeast(mesh.usKafka.bootstrapServers(),
                "eu-west.orders", RECORDS, Duration.ofSeconds(90));
        ReplicaAssertions.assertExactReplica("eu-west", originRecords, replicaRecords);
    }
}
