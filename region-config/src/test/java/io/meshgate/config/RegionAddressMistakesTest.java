package io.meshgate.config;

import static io.meshgate.config.ProblemAssertions.assertOnlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Addresses a region copied from another: its gateway, its brokers, its cluster members. */
class RegionAddressMistakesTest {

    private static final String TWO_REGIONS = """
            regions:
              eu-west:
                bootstrap-servers: %s
                gateway: %s
                cluster-members: [%s]
              us-east:
                bootstrap-servers: %s
                gateway: %s
                cluster-members: [%s]
            """;

    private static String mesh(String euBrokers, String euGateway, String euMembers,
                               String usBrokers, String usGateway, String usMembers) {
        return TWO_REGIONS.formatted(euBrokers, euGateway, euMembers, usBrokers, usGateway, usMembers);
    }

    @Test
    void twoRegionsWithOneGatewayAreRefusedAtTheSecond() {
        assertOnlyProblem(mesh("a:1", "http://gw:8081", "", "b:1", "http://GW:8081/", ""), "8:14",
                "regions.us-east.gateway", "region 'us-east': gateway 'http://GW:8081/' is also the gateway of region 'eu-west';"
                        + " every region needs its own gateway address, or peers would link to the wrong region");
    }

    @Test
    void aGatewayWrittenWithItsDefaultPortIsTheSameGateway() {
        assertOnlyProblem(mesh("a:1", "https://gw.example.com", "", "b:1", "https://gw.example.com:443", ""), "8:14",
                "regions.us-east.gateway", "is also the gateway of region 'eu-west'");
    }

    @Test
    void regionsBehindOneHostOnDifferentPathsOrPortsAreDistinct() {
        MeshConfig config = MeshConfigLoader.parse(mesh("a:1", "https://lb.example.com/eu-west", "h:5801",
                "b:1", "https://lb.example.com/us-east", "h:5802"), "m.yaml");
        assertEquals(2, config.regions().size());
        MeshConfigLoader.parse(mesh("a:1", "http://lb:8081", "", "b:1", "http://lb:8082", ""), "m.yaml");
    }

    @Test
    void aBrokerOfAnotherRegionIsRefusedByIndex() {
        assertOnlyProblem(mesh("a:1,b:2", "http://gw:8081", "", "c:3, B:2", "http://gw:8082", ""), "7:24",
                "regions.us-east.bootstrap-servers[1]", "region 'us-east': bootstrap-servers entry 'B:2' is also a broker of"
                        + " region 'eu-west'; every region is a Kafka cluster of its own");
    }

    @Test
    void aClusterMemberOfAnotherRegionIsRefused() {
        assertOnlyProblem(mesh("a:1", "http://gw:8081", "h:5801, h:5802", "b:1", "http://gw:8082", "h:5802"), "9:23",
                "regions.us-east.cluster-members[0]", "region 'us-east': cluster-members entry 'h:5802' is also a cluster"
                        + " member of region 'eu-west'; regions never share a cluster");
    }
}
