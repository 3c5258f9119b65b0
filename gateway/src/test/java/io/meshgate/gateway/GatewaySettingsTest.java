package io.meshgate.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;

import org.junit.jupiter.api.Test;

/** A gateway must run as a region of its mesh; mistakes name the known regions. */
class GatewaySettingsTest {

    private static final MeshConfig MESH = MeshConfigLoader.parse("""
            regions:
              eu-west:
                bootstrap-servers: a:1
                gateway: http://gw-eu:8081
              us-east:
                bootstrap-servers: b:1
                gateway: http://gw-us:8082
            """, "test");

    @Test
    void unknownRegionListsTheKnownRegions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GatewaySettings(MESH, "ap-south", "ap-south-1", "127.0.0.1", 0));
        assertEquals("region 'ap-south' is not in the mesh config (regions: eu-west, us-east)", e.getMessage());
    }

    @Test
    void unknownRegionForRegionListsTheKnownRegions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewaySettings.forRegion(MESH, "eu-wset", "eu-wset-1"));
        assertEquals("region 'eu-wset' is not in the mesh config (regions: eu-west, us-east)", e.getMessage());
    }

    @Test
    void forRegionListensWhereTheMeshSaysPeersReachIt() {
        GatewaySettings settings = GatewaySettings.forRegion(MESH, "us-east", "us-east-1");
        assertEquals("gw-us", settings.listenHost());
        assertEquals(8082, settings.listenPort());
        assertEquals("us-east", settings.regionConfig().id());
    }

    @Test
    void blankInstanceIdIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GatewaySettings(MESH, "eu-west", " ", "127.0.0.1", 0));
        assertEquals("instance id must not be blank", e.getMessage());
    }

    @Test
    void listenPortOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GatewaySettings(MESH, "eu-west", "i", "127.0.0.1", 65_536));
        assertThrows(IllegalArgumentException.class, () -> new GatewaySettings(MESH, "eu-west", "i", "127.0.0.1", -1));
    }

    @Test
    void httpLoopsDefaultToOnePerCoreAndAreBounded() {
        GatewaySettings settings = GatewaySettings.forRegion(MESH, "eu-west", "eu-west-1");
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), settings.httpLoops());
        assertEquals(3, settings.withHttpLoops(3).httpLoops());
        assertEquals(3, settings.withHttpLoops(3).withListen("127.0.0.1", 0).httpLoops(), "kept by the other withers");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.withHttpLoops(0));
        assertEquals("HTTP event loops must be 1..256, got 0", e.getMessage());
    }
}
