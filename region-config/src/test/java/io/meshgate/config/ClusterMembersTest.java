package io.meshgate.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.meshgate.config.ProblemAssertions.assertOnlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterMembersTest {

    private static final String REGION_WITH = """
            regions:
              eu-west:
                bootstrap-servers: a:1
                gateway: http://a:8081
                cluster-members: %s
            """;

    @Test
    void membersAreReadInOrder() {
        MeshConfig mesh = MeshConfigLoader.parse(REGION_WITH.formatted("[127.0.0.1:5801, 127.0.0.1:5802]"), "m.yaml");
        assertEquals(List.of("127.0.0.1:5801", "127.0.0.1:5802"), mesh.region("eu-west").clusterMembers());
        assertTrue(mesh.region("eu-west").clustered());
    }

    @Test
    void aRegionWithoutMembersRunsOneInstance() {
        MeshConfig mesh = MeshConfigLoader.parse(Meshes.TWO_REGIONS, "m.yaml");
        assertFalse(mesh.region("eu-west").clustered());
    }

    @Test
    void aMemberWithoutPortIsNamedByIndex() {
        assertOnlyProblem(REGION_WITH.formatted("[127.0.0.1:5801, 127.0.0.1]"), "5:39",
                "regions.eu-west.cluster-members[1]", "cluster-members entry '127.0.0.1' has no port");
    }

    @Test
    void aMemberListedTwiceIsAProblem() {
        assertOnlyProblem(REGION_WITH.formatted("[h:1, h:1]"), "5:28",
                "regions.eu-west.cluster-members[1]", "lists 'h:1' twice");
    }
}
