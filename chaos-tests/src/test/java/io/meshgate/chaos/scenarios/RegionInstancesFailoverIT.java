package io.meshgate.chaos.scenarios;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateway instances of us-east, real processes in one region cluster, split the region's replication work;
 * one is killed with SIGKILL mid-stream and the other takes its work over, and every replica ends exact.
 */
class RegionInstancesFailoverIT {

    private static final List<String> STREAMS = List.of("orders", "payments", "clicks", "shipments");
    private static final int PER_STREAM = 4_000;

    @TempDir
    static Path dataDir;
    static ClusteredRegionMesh mesh;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Integer> topics = new LinkedHashMap<>();
        STREAMS.forEach(stream -> topics.put(stream, 2));
        mesh = new ClusteredRegionMesh(dataDir, "failover", topics, "streams:\n"
                + String.join("\n", STREAMS.stream().map(stream -> "  " + stream + ": {origins: [eu-west]}").toList()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void theSurvivorTakesOverTheKilledInstancesWorkExactlyOnce() throws Exception {
        // Both instances in one cluster, each stream replicated by exactly one of them.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Set<String>> shares = shares();
            Set<String> union = new HashSet<>(shares.get(0));
            union.addAll(shares.get(1));
            assertEquals(Set.copyOf(STREAMS), union, "every stream has an owner: " + shares);
            assertTrue(shares.get(0).stream().noneMatch(shares.get(1)::contains), "no stream has two owners: " + shares);
            assertEquals(2, mesh.clusterMembersSeenBy(0));
        });
        List<Set<String>> before = shares();
        int victim = before.get(0).size() >= before.get(1).size() ? 0 : 1;
        System.out.println("work before the kill: instance 1 " + before.get(0) + ", instance 2 " + before.get(1));

        for (String stream : STREAMS) {
            SequencedRecords.produce(mesh.eu.bootstrapServers(), stream, 0, PER_STREAM / 2);
        }
        SequencedRecords.readAtLeast(mesh.us.bootstrapServers(), "eu-west." + before.get(victim).iterator().next(), 500, Duration.ofSeconds(60));
        mesh.instances.get(victim).kill();
        long killed = System.nanoTime();
        for (String stream : STREAMS) {
            SequencedRecords.produce(mesh.eu.bootstrapServers(), stream, PER_STREAM / 2, PER_STREAM);
        }
        GatewayProcess survivor = mesh.instances.get(1 - victim);
        await().atMost(Duration.ofSeconds(60)).until(() -> shares(survivor).containsAll(STREAMS));
        System.out.printf("the survivor replicates all %d streams %d ms after the kill%n", STREAMS.size(),
                (System.nanoTime() - killed) / 1_000_000);

        for (String stream : STREAMS) {
            ReplicaAssertions.assertExactReplica("eu-west",
                    SequencedRecords.readAtLeast(mesh.eu.bootstrapServers(), stream, PER_STREAM, Duration.ofSeconds(30)),
                    SequencedRecords.readAtLeast(mesh.us.bootstrapServers(), "eu-west." + stream, PER_STREAM, Duration.ofSeconds(90)));
        }
    }

    private static List<Set<String>> shares() throws Exception {
        return List.of(shares(mesh.instances.get(0)), shares(mesh.instances.get(1)));
    }

    /** The streams an instance replicates right now (state replicating), from its /v1/mesh. */
    private static Set<String> shares(GatewayProcess instance) throws Exception {
        Set<String> streams = new HashSet<>();
        for (Object replica : new JsonObject(instance.get("/v1/mesh")).getJsonArray("replicas")) {
            JsonObject json = (JsonObject) replica;
            if ("replicating".equals(json.getString("state"))) {
                streams.add(json.getString("stream"));
            }
        }
        return streams;
    }
}
