package io.meshgate.gateway.security;

import io.meshgate.config.SecurityConfig;
import io.meshgate.replication.protocol.LinkCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a gateway finds the secret its mesh's links share, and why it refuses to start without a usable one. */
class LinkSecretsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void theSameSecretFromAFileOrTheEnvironmentMakesTheSameCredentials() throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, SECRET + "\n");
        LinkCredentials fromFile = LinkSecrets.load(security("secret-file: \"" + file + "\""), Map.<String, String>of()::get);
        LinkCredentials fromEnv = LinkSecrets.load(security("secret-env: LINK_SECRET"), Map.of("LINK_SECRET", SECRET)::get);
        assertTrue(fromFile.required());
        Instant now = Instant.now();
        assertEquals("us-east", fromEnv.verify(fromFile.authorization("us-east", now), Set.of("us-east"), now),
                "a region that keeps the secret in a file links to one that keeps it in the environment");
    }

    @Test
    void severalSecretsSignWithTheFirstAndAcceptAny() {
        String old = "the secret the mesh used until now";
        LinkCredentials rotating = LinkSecrets.load(security("secret-env: LINK_SECRET"), Map.of("LINK_SECRET", SECRET + ", " + old)::get);
        LinkCredentials oldOnly = LinkSecrets.load(security("secret-env: LINK_SECRET"), Map.of("LINK_SECRET", old)::get);
        LinkCredentials newOnly = LinkSecrets.load(security("secret-env: LINK_SECRET"), Map.of("LINK_SECRET", SECRET)::get);
        Instant now = Instant.now();
        assertEquals("us-east", rotating.verify(oldOnly.authorization("us-east", now), Set.of("us-east"), now));
        assertEquals("us-east", newOnly.verify(rotating.authorization("us-east", now), Set.of("us-east"), now),
                "signed with the first");
    }

    @Test
    void anEmptySecretInTheListStopsTheStart() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> LinkSecrets.load(security("secret-env: LINK_SECRET"), name -> SECRET + ",,"));
        assertTrue(thrown.getMessage().contains("the link secret number 2 must be at least 16 bytes long; got 0"),
                thrown.getMessage());
    }

    @Test
    void withoutSecurityLinksAreNotAuthenticated() {
        assertSame(LinkCredentials.none(), LinkSecrets.load(null, name -> SECRET));
    }

    @Test
    void anUnsetVariableStopsTheStartNamingIt() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> LinkSecrets.load(security("secret-env: LINK_SECRET"), name -> null));
        assertTrue(thrown.getMessage().contains("names LINK_SECRET but that environment variable is not set"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("openssl rand -base64 32"), thrown.getMessage());
    }

    @Test
    void aMissingFileStopsTheStartNamingIt() {
        Path missing = dir.resolve("nope");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> LinkSecrets.load(security("secret-file: \"" + missing + "\""), name -> null));
        assertTrue(thrown.getMessage().startsWith("security.links.secret-file " + missing + " cannot be read"), thrown.getMessage());
    }

    @Test
    void aShortSecretStopsTheStart() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> LinkSecrets.load(security("secret-env: LINK_SECRET"), name -> "hunter2\n"));
        assertTrue(thrown.getMessage().startsWith("security.links.secret-env (LINK_SECRET): the link secret must be at least"
                + " 16 bytes long; got 7"), thrown.getMessage());
        assertFalse(thrown.getMessage().contains("hunter2"), "the secret is never logged");
    }

    private static SecurityConfig security(String links) {
        return SecuredMeshes.twoRegionsWithLinks(links).security();
    }
}
