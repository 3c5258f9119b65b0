package io.meshgate.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.meshgate.config.ProblemAssertions.assertOnlyProblem;
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
                """, "11:3", "security.jwt", "needs exactly one of hmac-secret-env");
    }

    @Test
    void readersOfAnUnknownStreamAreNamed() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  readers:
                    ordres: [role:analytics]
                """, "13:5", "security.readers.ordres", "unknown stream or view 'ordres' (did you mean 'orders'?");
    }

    @Test
    void aReaderMustBeARoleAUserOrAny() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  readers:
                    orders: [analytics]
                """, "13:14", "security.readers.orders[0]", "a reader is role:<name>, user:<subject> or *");
    }

    @Test
    void adminsByRoleOrUser() {
        SecurityConfig security = MeshConfigLoader.parse(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  admins: [role:ops, user:bob]
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
                """, "12:22", "security.admins[1]", "an admin is role:<name>, user:<subject> or *", "got 'bob'");
    }

    @Test
    void adminsIsAList() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  admins: {ops: true}
                """, "12:11", "security.admins", "expected a list of admins");
    }

    @Test
    void aMisspelledSecurityKeyIsNamedWithTheRightOne() {
        assertOnlyProblem(MESH + """
                security:
                  jwt: {hmac-secret-env: SECRET}
                  admin: [role:ops]
                """, "12:3", "security.admin", "unknown key 'admin'", "did you mean 'admins'?");
    }
}
