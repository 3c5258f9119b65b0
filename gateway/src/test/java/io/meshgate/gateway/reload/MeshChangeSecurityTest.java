package io.meshgate.gateway.reload;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.security.SecuredMeshes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readers and admins change at run time; how tokens are checked, and whether they are, needs a restart. */
class MeshChangeSecurityTest {

    private static final String MESH = """
            regions:
              eu-west: {bootstrap-servers: "a:1", gateway: "http://a:8081"}
            streams:
              orders: {origins: [eu-west]}
            """;

    @Test
    void newAdminsAreAChangeThatAppliesAtOnce() {
        MeshChange change = MeshChange.between(secured("[role:ops]", "idp"), secured("[role:ops, user:bob]", "idp"));
        assertTrue(change.accessChanged());
        assertFalse(change.isEmpty(), "not 'unchanged': the new admins must be taken into use");
        assertEquals(List.of(), change.needsRestart());
    }

    @Test
    void theSameSecurityIsNoChange() {
        assertTrue(MeshChange.between(secured("[role:ops]", "idp"), secured("[role:ops]", "idp")).isEmpty());
    }

    @Test
    void anotherIssuerNeedsARestart() {
        MeshChange change = MeshChange.between(secured("[role:ops]", "idp"), secured("[role:ops]", "other-idp"));
        assertEquals(List.of("security.jwt changed"), change.needsRestart());
    }

    @Test
    void addingOrRemovingTheSectionNeedsARestart() {
        MeshConfig open = MeshConfigLoader.parse(MESH, "m.yaml");
        assertEquals(List.of("security section added"), MeshChange.between(open, secured("[]", "idp")).needsRestart());
        assertEquals(List.of("security section removed"), MeshChange.between(secured("[]", "idp"), open).needsRestart());
    }

    private static MeshConfig secured(String admins, String issuer) {
        return MeshConfigLoader.parse(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET, issuer: %s}
                  readers:
                    orders: [role:analytics]
                  admins: %s
                """.formatted(issuer, admins), "m.yaml");
    }

    @Test
    void anotherLinkSecretNeedsARestart() {
        MeshConfig fromEnv = SecuredMeshes.twoRegionsWithLinks("secret-env: MESHGATE_LINK_SECRET");
        MeshConfig fromFile = SecuredMeshes.twoRegionsWithLinks("secret-file: /etc/meshgate/link-secret");
        assertEquals(List.of("security.links changed"), MeshChange.between(fromEnv, fromFile).needsRestart());
        assertTrue(MeshChange.between(fromEnv, SecuredMeshes.twoRegionsWithLinks("secret-env: MESHGATE_LINK_SECRET")).isEmpty());
    }
}
