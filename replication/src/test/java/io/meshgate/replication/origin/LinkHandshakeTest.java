package io.meshgate.replication.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.LinkProtocol;
import io.meshgate.replication.protocol.LinkProtocolException;
import io.vertx.core.json.JsonObject;

import org.junit.jupiter.api.Test;

/** A link opens only to another region of the mesh that speaks the same protocol; refusals say what to fix. */
class LinkHandshakeTest {

    private static final MeshConfig MESH = MeshConfigLoader.parse("""
            regions:
              eu-west: {bootstrap-servers: "127.0.0.1:1", gateway: "http://127.0.0.1:1"}
              us-east: {bootstrap-servers: "127.0.0.1:2", gateway: "http://127.0.0.1:2"}
              ap-south: {bootstrap-servers: "127.0.0.1:3", gateway: "http://127.0.0.1:3"}
            """, "handshake.yaml");

    private static ControlMessage hello(Object protocol, String region) {
        return ControlMessage.parse(new JsonObject().put("type", "hello").put("protocol", protocol).put("region", region).encode());
    }

    private static LinkProtocolException refused(ControlMessage hello) {
        return assertThrows(LinkProtocolException.class, () -> LinkHandshake.acceptedPeer(hello, MESH, "eu-west", null));
    }

    @Test
    void anotherRegionOfTheMeshOnTheSameProtocolIsAccepted() {
        assertEquals("us-east", LinkHandshake.acceptedPeer(hello(LinkProtocol.VERSION, "us-east"), MESH, "eu-west", null));
    }

    @Test
    void aPeerSaysHelloAsTheRegionItsCredentialsProved() {
        assertEquals("us-east", LinkHandshake.acceptedPeer(hello(LinkProtocol.VERSION, "us-east"), MESH, "eu-west", "us-east"));
        LinkProtocolException e = assertThrows(LinkProtocolException.class,
                () -> LinkHandshake.acceptedPeer(hello(LinkProtocol.VERSION, "ap-south"), MESH, "eu-west", "us-east"));
        assertEquals("link.peer.mismatch", e.code());
        assertEquals("the link's credentials were made for region 'us-east' but its hello says 'ap-south'; check the"
                + " dialing gateway's --region", e.getMessage());
    }

    @Test
    void anotherProtocolVersionIsRefusedWithBothVersions() {
        LinkProtocolException e = refused(hello(LinkProtocol.VERSION + 1, "us-east"));
        assertEquals("link.protocol.unsupported", e.code());
        assertEquals("peer speaks link protocol " + (LinkProtocol.VERSION + 1) + " but region 'eu-west' speaks "
                + LinkProtocol.VERSION + "; run the same meshgate release on both sides", e.getMessage());
    }

    @Test
    void aRegionOutsideTheMeshIsRefusedNamingThePeers() {
        LinkProtocolException e = refused(hello(LinkProtocol.VERSION, "eu-wset"));
        assertEquals("link.peer.unknown", e.code());
        assertEquals("region 'eu-wset' is not a peer of 'eu-west' in this gateway's mesh config (peers: [us-east, ap-south])",
                e.getMessage());
    }

    @Test
    void theGatewaysOwnRegionIsNoPeer() {
        assertEquals("link.peer.unknown", refused(hello(LinkProtocol.VERSION, "eu-west")).code());
    }

    @Test
    void aHelloWithoutProtocolOrRegionIsInvalid() {
        assertEquals("link.message.invalid", refused(ControlMessage.parse("{\"type\":\"hello\",\"region\":\"us-east\"}")).code());
        assertEquals("link.message.invalid", refused(ControlMessage.parse("{\"type\":\"hello\",\"protocol\":1}")).code());
    }

    @Test
    void theWelcomeNamesThisSidesProtocolAndRegion() {
        ControlMessage welcome = ControlMessage.parse(LinkHandshake.welcome("eu-west"));
        assertEquals(ControlMessage.Type.WELCOME, welcome.type());
        assertEquals(LinkProtocol.VERSION, welcome.requireLong("protocol"));
        assertEquals("eu-west", welcome.requireString("region"));
    }
}
