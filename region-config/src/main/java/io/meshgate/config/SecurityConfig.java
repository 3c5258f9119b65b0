package io.meshgate.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may read what: clients authenticate with a JWT (HS256 with a secret from an environment variable, or RS256
 * with a public key file), and {@code readers} names, per stream (or {@code "*"} for every stream), the principals
 * allowed: {@code role:<name>} (in the token's roles claim), {@code user:<sub>}, or {@code *} for any authenticated
 * client. {@code admins} names, with the same principals, who may use the admin API ({@code POST /v1/admin/reload});
 * empty by default, so with security on the admin API is closed until someone is named. With security on, anything
 * not allowed is denied. Without a {@code security} section, the mesh is open.
 *
 * <p>Peer gateways are not clients: a gateway that opens a link to another proves it belongs to the mesh with a
 * secret all regions share ({@code links}), from an environment variable or a file. A mesh of several regions with
 * security on needs it (checked by {@link MeshConfig}); otherwise anyone who reached {@code /v1/link} could read every
 * stream replicated to the region they named.
 *
 * @param hmacSecretEnv  environment variable holding the HS256 secret (never the secret itself in the file)
 * @param publicKeyFile  PEM file with the RS256 public key; exactly one of the two is set
 * @param issuer         required {@code iss}, or null for any
 * @param audience       required {@code aud}, or null for any
 * @param rolesClaim     claim holding the client's roles, a list of strings; default {@code roles}
 * @param readers        stream name (or "*") to the principals allowed to read it
 * @param admins         the principals allowed to use the admin API; null or empty means nobody
 * @param linkSecretEnv  environment variable holding the secret peer gateways share, or null
 * @param linkSecretFile file holding that secret instead, or null; at most one of the two is set
 */
public record SecurityConfig(String hmacSecretEnv, String publicKeyFile, String issuer, String audience, String rolesClaim,
                             Map<String, List<String>> readers, List<String> admins, String linkSecretEnv,
                             String linkSecretFile) {

    public static final String EVERY_STREAM = "*";
    public static final String ANY_CLIENT = "*";

    public SecurityConfig {
        Problems p = new Problems();
        String jwt = Fields.join(Fields.SECURITY, Fields.JWT);
        boolean hmac = hmacSecretEnv != null && !hmacSecretEnv.isBlank();
        boolean rsa = publicKeyFile != null && !publicKeyFile.isBlank();
        p.require(hmac != rsa, jwt, "security.jwt needs exactly one of " + Fields.HMAC_SECRET_ENV + " (HS256, the name of"
                + " an environment variable holding the secret) or " + Fields.PUBLIC_KEY_FILE + " (RS256, a PEM file)");
        if (hmac) {
            p.require(hmacSecretEnv.matches("[A-Z_][A-Z0-9_]*"), Fields.join(jwt, Fields.HMAC_SECRET_ENV),
                    "hmac-secret-env names an environment variable, like MESHGATE_JWT_SECRET; got '" + hmacSecretEnv + "'");
        }
        boolean linkEnv = linkSecretEnv != null && !linkSecretEnv.isBlank();
        boolean linkFile = linkSecretFile != null && !linkSecretFile.isBlank();
        String links = Fields.join(Fields.SECURITY, Fields.PEER_LINKS);
        p.require(!(linkEnv && linkFile), links, "security.links takes one of " + Fields.SECRET_ENV + " or "
                + Fields.SECRET_FILE + ", not both");
        if (linkEnv) {
            p.require(linkSecretEnv.matches("[A-Z_][A-Z0-9_]*"), Fields.join(links, Fields.SECRET_ENV),
                    "secret-env names an environment variable, like MESHGATE_LINK_SECRET; got '" + linkSecretEnv + "'");
        }
        linkSecretEnv = linkEnv ? linkSecretEnv : null;
        linkSecretFile = linkFile ? linkSecretFile : null;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        readers = readers == null ? Map.of() : readers;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        readers.forEach((stream, principals) ->
                copy.put(stream, principals(p, Fields.join(Fields.join(Fields.SECURITY, Fields.READERS), stream), "a reader", principals)));
        admins = principals(p, Fields.join(Fields.SECURITY, Fields.ADMINS), "an admin", admins);
        p.throwIfAny();
        readers = Collections.unmodifiableMap(copy);
    }

    /** Checks each principal of a list; returns the list without nulls (each null was reported). */
    private static List<String> principals(Problems p, String field, String what, List<String> principals) {
        List<String> list = principals == null ? List.of() : principals;
        for (int i = 0; i < list.size(); i++) {
            String principal = list.get(i);
            p.require(principal != null && (principal.equals(ANY_CLIENT) || principal.matches("(role|user):\\S+")),
                    Fields.index(field, i), what + " is role:<name>, user:<subject> or * (any authenticated client);"
                            + " got '" + principal + "'");
        }
        return List.copyOf(list.stream().filter(x -> x != null).toList());
    }

    /** Whether peer gateways must prove, with the shared link secret, that they belong to the mesh. */
    public boolean linksAuthenticated() {
        return linkSecretEnv != null || linkSecretFile != null;
    }

    /** Whether a client with this subject and these roles may read {@code stream}. */
    public boolean mayRead(String stream, String subject, List<String> roles) {
        return matches(readers.getOrDefault(stream, List.of()), subject, roles)
                || matches(readers.getOrDefault(EVERY_STREAM, List.of()), subject, roles);
    }

    /** Whether a client with this subject and these roles may use the admin API. */
    public boolean isAdmin(String subject, List<String> roles) {
        return matches(admins, subject, roles);
    }

    private static boolean matches(List<String> principals, String subject, List<String> roles) {
        for (String principal : principals) {
            if (principal.equals(ANY_CLIENT)
                    || principal.startsWith("user:") && principal.substring(5).equals(subject)
                    || principal.startsWith("role:") && roles.contains(principal.substring(5))) {
                return true;
            }
        }
        return false;
    }
}
