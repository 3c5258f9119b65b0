package io.meshgate.replication.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What proves a link comes from a gateway of the mesh, and what each way of failing that is called. */
class LinkCredentialsTest {

    private static final Set<String> PEERS = Set.of("us-east", "ap-south");
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final LinkCredentials MESH = LinkCredentials.sharedSecret(bytes("correct horse battery staple"));

    @Test
    void aGatewayWithTheSecretProvesItsRegion() {
        String header = MESH.authorization("us-east", NOW);
        assertTrue(header.startsWith("MeshgateLink region=\"us-east\", time=\"" + NOW.getEpochSecond() + "\", mac=\""), header);
        assertEquals("us-east", MESH.verify(header, PEERS, NOW));
        assertEquals("us-east", MESH.verify(header, PEERS, NOW.plusSeconds(299)), "clocks a little apart");
    }

    @Test
    void theSecretNeverTravels() {
        assertFalse(MESH.authorization("us-east", NOW).contains("horse"));
    }

    @Test
    void anotherSecretIsRefused() {
        String header = LinkCredentials.sharedSecret(bytes("a different secret of this mesh")).authorization("us-east", NOW);
        assertEquals("link.auth.invalid", refusal(header, NOW).code());
    }

    @Test
    void aHeaderChangedAfterSigningIsRefused() {
        String header = MESH.authorization("us-east", NOW).replace("us-east", "ap-south");
        assertEquals("link.auth.invalid", refusal(header, NOW).code());
        String later = MESH.authorization("us-east", NOW).replace(Long.toString(NOW.getEpochSecond()),
                Long.toString(NOW.getEpochSecond() + 60));
        assertEquals("link.auth.invalid", refusal(later, NOW).code());
    }

    @Test
    void aCapturedHeaderGoesStale() {
        LinkAuthException stale = refusal(MESH.authorization("us-east", NOW), NOW.plusSeconds(301));
        assertEquals("link.auth.expired", stale.code());
        assertTrue(stale.getMessage().contains("301 s"), stale.getMessage());
        assertEquals("link.auth.expired", refusal(MESH.authorization("us-east", NOW.plusSeconds(301)), NOW).code(),
                "a clock ahead as much as behind");
    }

    @Test
    void missingMalformedAndUnknownRegionsAreNamed() {
        assertEquals("link.auth.missing", refusal(null, NOW).code());
        assertEquals("link.auth.missing", refusal(" ", NOW).code());
        assertEquals("link.auth.malformed", refusal("Bearer abc", NOW).code());
        assertEquals("link.auth.malformed", refusal("MeshgateLink region=us-east", NOW).code());
        assertEquals("link.auth.malformed", refusal("MeshgateLink region=\"us-east\", time=\"soon\", mac=\"x\"", NOW).code());
        LinkAuthException unknown = refusal(MESH.authorization("mars-1", NOW), NOW);
        assertEquals("link.auth.unknown-region", unknown.code());
        assertTrue(unknown.getMessage().contains("'mars-1'"), unknown.getMessage());
    }

    @Test
    void aMeshRotatesItsSecretRegionByRegionWithoutRefusingALink() {
        byte[] old = bytes("the secret the mesh used until now");
        byte[] next = bytes("the secret the mesh moves on to");
        LinkCredentials oldOnly = LinkCredentials.sharedSecrets(List.of(old));
        LinkCredentials acceptingNext = LinkCredentials.sharedSecrets(List.of(old, next));
        LinkCredentials signingNext = LinkCredentials.sharedSecrets(List.of(next, old));
        LinkCredentials nextOnly = LinkCredentials.sharedSecrets(List.of(next));
        // Each step rolls out region by region: a region on it and one still on the step before accept each other.
        assertLinksBothWays(oldOnly, acceptingNext);
        assertLinksBothWays(acceptingNext, signingNext);
        assertLinksBothWays(signingNext, nextOnly);
        assertEquals("link.auth.invalid", assertThrows(LinkAuthException.class,
                () -> nextOnly.verify(oldOnly.authorization("us-east", NOW), PEERS, NOW)).code(), "the old secret is gone");
    }

    @Test
    void everySecretOfSeveralMustBeLongEnough() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> LinkCredentials.sharedSecrets(List.of(bytes("the secret the mesh used until now"), bytes(""))));
        assertTrue(thrown.getMessage().startsWith("the link secret number 2 must be at least 16 bytes long; got 0"),
                thrown.getMessage());
    }

    private static void assertLinksBothWays(LinkCredentials a, LinkCredentials b) {
        assertEquals("us-east", a.verify(b.authorization("us-east", NOW), PEERS, NOW));
        assertEquals("us-east", b.verify(a.authorization("us-east", NOW), PEERS, NOW));
    }

    @Test
    void withoutASecretNothingIsSentAndEveryLinkIsAccepted() {
        LinkCredentials none = LinkCredentials.none();
        assertFalse(none.required());
        assertNull(none.authorization("us-east", NOW));
        assertNull(none.verify(null, PEERS, NOW));
        assertNull(none.verify(MESH.authorization("us-east", NOW), PEERS, NOW));
    }

    @Test
    void aShortSecretIsRefused() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> LinkCredentials.sharedSecret(bytes("too short")));
        assertTrue(thrown.getMessage().contains("at least 16 bytes"), thrown.getMessage());
        assertTrue(MESH.required());
        assertFalse(MESH.toString().contains("horse"));
    }

    private static LinkAuthException refusal(String header, Instant now) {
        return assertThrows(LinkAuthException.class, () -> MESH.verify(header, PEERS, now));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
