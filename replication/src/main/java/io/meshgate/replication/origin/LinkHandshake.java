package io.meshgate.replication.origin;

import io.meshgate.config.MeshConfig;
import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.ControlMessage.Type;
import io.meshgate.replication.protocol.LinkProtocol;
import io.meshgate.replication.protocol.LinkProtocolException;

/**
 * Who may open a link to this gateway: a peer that speaks the same link protocol version and says it is another
 * region of this gateway's mesh config. Anything else is refused on its {@code hello} with a reason that tells
 * the operator what to fix, since a link from an unknown or mismatched gateway would only fail later and vaguely.
 */
final class LinkHandshake {

    private LinkHandshake() {
    }

    /**
     * The peer region a {@code hello} names, if it may link to {@code localRegion}; throws {@link LinkProtocolException}
     * if not. {@code provenRegion} is the region the link's credentials were made for (null without link
     * authentication): a gateway says hello as the region it proved, or its configuration is mixed up.
     */
    static String acceptedPeer(ControlMessage hello, MeshConfig mesh, String localRegion, String provenRegion) {
        long version = hello.requireLong("protocol");
        if (version != LinkProtocol.VERSION) {
            throw new LinkProtocolException("link.protocol.unsupported", "peer speaks link protocol " + version
                    + " but region '" + localRegion + "' speaks " + LinkProtocol.VERSION
                    + "; run the same meshgate release on both sides");
        }
        String region = hello.requireString("region");
        if (!mesh.regions().containsKey(region) || region.equals(localRegion)) {
            throw new LinkProtocolException("link.peer.unknown", "region '" + region + "' is not a peer of '"
                    + localRegion + "' in this gateway's mesh config (peers: " + mesh.peersOf(localRegion) + ")");
        }
        if (provenRegion != null && !provenRegion.equals(region)) {
            throw new LinkProtocolException("link.peer.mismatch", "the link's credentials were made for region '"
                    + provenRegion + "' but its hello says '" + region + "'; check the dialing gateway's --region");
        }
        return region;
    }

    /** The answer to an accepted {@code hello}: this side's protocol version and region. */
    static String welcome(String localRegion) {
        return ControlMessage.of(Type.WELCOME)
                .put("protocol", LinkProtocol.VERSION)
                .put("region", localRegion)
                .encode();
    }
}
