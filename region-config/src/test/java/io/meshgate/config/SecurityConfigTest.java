package io.meshgate.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.meshgate.config.ProblemAssertions.assertOnlyProblem;
import static io.meshgate.config.ProblemAssertions.assertProblem;
import static io.meshgate.config.ProblemAssertions.problemsIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityConfigTest {

    private static final String MESH = Meshes.TWO_REGIONS + """
            streams:
              orders: {origins: [eu-west]}
            """;

    @Test
    void readersByStreamAndForEveryStream() {
        MeshConfig mesh = MeshConfigLoader.parse(MESH + """
                security:
                  jwt: {hmac-secret-env: MESHGATE_JWT_SECRET, issuer: idp}
                  readers:
                    orders: [role:analytics, user:alice]
                    "*": [role:admin]
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "m.yaml");
        SecurityConfig security = mesh.security();
        assertTrue(mesh.secured());
        assertEquals("roles", security.rolesClaim());
        assertTrue(security.mayRead("orders", "bob", List.of("analytics")));
        assertTrue(security.mayRead("orders", "alice", List.of()));
        assertTrue(security.mayRead("orders", "root", List.of("admin")), "the * entry covers every stream");
        assertFalse(security.mayRead("orders", "bob", List.of("sales")), "deny by default");
    }

    @Test
    void withoutASecuritySectionTheMeshIsOpen() {
        assertFalse(MeshConfigLoader.parse(MESH, "m.yaml").secured());
    }

    @Test
    void jwtNeedsExactlyOneKeySource() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {issuer: idp}
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "11:3", "security.jwt", "needs exactly one of hmac-secret-env");
    }

    @Test
    void readersOfAnUnknownStreamAreNamed() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  readers:
                    ordres: [role:analytics]
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "13:5", "security.readers.ordres", "unknown stream or view 'ordres' (did you mean 'orders'?");
    }

    @Test
    void aReaderMustBeARoleAUserOrAny() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  readers:
                    orders: [analytics]
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "13:14", "security.readers.orders[0]", "a reader is role:<name>, user:<subject> or *");
    }

    @Test
    void adminsByRoleOrUser() {
        SecurityConfig security = MeshConfigLoader.parse(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  admins: [role:ops, user:bob]
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "m.yaml").security();
        assertTrue(security.isAdmin("carol", List.of("ops")));
        assertTrue(security.isAdmin("bob", List.of()));
        assertFalse(security.isAdmin("alice", List.of("analytics")), "only the named principals");
        assertFalse(security.mayRead("orders", "bob", List.of()), "an admin is not a reader by being an admin");
    }

    @Test
    void withoutAdminsNobodyIsAdmin() {
        SecurityConfig security = MeshConfigLoader.parse(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  readers:
                    "*": ["*"]
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "m.yaml").security();
        assertEquals(List.of(), security.admins());
        assertFalse(security.isAdmin("root", List.of("admin", "ops")));
    }

    @Test
    void anAdminMustBeARoleAUserOrAny() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  admins: [role:ops, bob]
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "12:22", "security.admins[1]", "an admin is role:<name>, user:<subject> or *", "got 'bob'");
    }

    @Test
    void adminsIsAList() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  admins: {ops: true}
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "12:11", "security.admins", "expected a list of admins");
    }

    @Test
    void aMisspelledSecurityKeyIsNamedWithTheRightOne() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  admin: [role:ops]
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "12:3", "security.admin", "unknown key 'admin'", "did you mean 'admins'?");
    }

    @Test
    void peerGatewaysShareASecretFromTheEnvironmentOrAFile() {
        SecurityConfig fromEnv = MeshConfigLoader.parse(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """, "m.yaml").security();
        assertTrue(fromEnv.linksAuthenticated());
        assertEquals("MESHGATE_LINK_SECRET", fromEnv.linkSecretEnv());
        SecurityConfig fromFile = MeshConfigLoader.parse(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  links: {secret-file: /etc/meshgate/link-secret}
                """, "m.yaml").security();
        assertEquals("/etc/meshgate/link-secret", fromFile.linkSecretFile());
        assertEquals(null, fromFile.linkSecretEnv());
    }

    @Test
    void aMeshOfSeveralRegionsWithSecurityNeedsTheLinkSecret() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                """, "10:1", "security.links", "with security on, gateways must prove to each other",
                "security.links.secret-env", "anyone who reaches /v1/link");
    }

    @Test
    void aMeshOfOneRegionHasNoLinksToSecure() {
        MeshConfig mesh = MeshConfigLoader.parse("""
                regions:
                  eu-west: {bootstrap-servers: "a:1", gateway: "http://a:8081"}
                streams:
                  orders: {origins: [eu-west]}
                security:
                  jwt: {hmac-secret-env: SECRET}
                """, "m.yaml");
        assertFalse(mesh.security().linksAuthenticated());
    }

    @Test
    void theLinkSecretComesFromOnePlace() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  links: {secret-env: MESHGATE_LINK_SECRET, secret-file: /etc/link}
                """, "12:3", "security.links", "one of secret-env or secret-file, not both");
    }

    @Test
    void theLinkSecretIsNeverInTheFile() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  links: {secret-env: "s3cr3t-value!"}
                """, "12:23", "security.links.secret-env", "names an environment variable", "got 's3cr3t-value!'");
    }

    @Test
    void aMisspelledLinksKeyIsNamed() {
        // Also reported: with the key unknown, the mesh has no link secret (a second problem, at security.links).
        assertProblem(problemsIn(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  links: {secret: abc}
                """), "12:11", "security.links.secret", "unknown key 'secret'", "allowed keys: secret-env, secret-file");
    }
}
