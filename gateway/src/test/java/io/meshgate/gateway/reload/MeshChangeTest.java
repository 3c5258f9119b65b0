package io.meshgate.gateway.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reloads a running gateway applies, and which need every gateway restarted. */
class MeshChangeTest {

    private static final String MESH = """
            regions:
              eu-west: {bootstrap-servers: "a:1", gateway: "http://a:8081"}
              us-east: {bootstrap-servers: "b:1", gateway: "http://b:8081"}
            streams:
              orders: {origins: [eu-west]}
            """;

    @Test
    void theSameFileChangesNothing() {
        assertTrue(MeshChange.between(mesh(MESH), mesh(MESH)).isEmpty());
    }

    @Test
    void streamsComeAndGoWithoutARestart() {
        MeshChange change = MeshChange.between(mesh(MESH), mesh(MESH.replace("orders:", "payments:")));
        assertEquals(List.of("payments"), change.streamsAdded());
        assertEquals(List.of("orders"), change.streamsRemoved());
        assertEquals(List.of(), change.needsRestart());
    }

    @Test
    void changingLinkSettingsNeedsARestart() {
        MeshChange change = MeshChange.between(mesh(MESH), mesh(MESH + "links: {max-batch-records: 100}\n"));
        assertEquals(List.of("links settings changed"), change.needsRestart());
    }

    @Test
    void changingSubscriptionSettingsNeedsARestart() {
        MeshChange change = MeshChange.between(mesh(MESH), mesh(MESH + "subscriptions: {max-per-client: 10}\n"));
        assertEquals(List.of("subscriptions settings changed"), change.needsRestart());
    }

    @Test
    void writingOutTheDefaultSubscriptionSettingsIsNoChange() {
        assertTrue(MeshChange.between(mesh(MESH), mesh(MESH + "subscriptions: {ring-bytes: 32MiB, heartbeat-interval: 5s}\n")).isEmpty());
    }

    private static MeshConfig mesh(String yaml) {
        return MeshConfigLoader.parse(yaml, "mesh.yaml");
    }
}
