package io.meshgate.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may read what: clients authenticate with a JWT (HS256 with a secret from an environment variable, or RS256
 * with a public key file), and {@code readers} names, per stream (or {@code "*"} for every stream), the principals
 * allowed: {@code role:<name>} (in the token's roles claim), {@code user:<sub>}, or {@code *} for any authenticated
 * client. With security on, anything not allowed is denied. Without a {@code security} section, the mesh is open.
 *
 * @param hmacSecretEnv  environment variable holding the HS256 secret (never the secret itself in the file)
 * @param publicKeyFile  PEM file with the RS256 public key; exactly one of the two is set
 * @param issuer         required {@code iss}, or null for any
 * @param audience       required {@code aud}, or null for any
 * @param rolesClaim     claim holding the client's roles, a list of strings; default {@code roles}
 * @param readers        stream name (or "*") to the principals allowed to read it
 */
public record SecurityConfig(String hmacSecretEnv, String publicKeyFile, String issuer, String audience, String rolesClaim,
                             Map<String, List<String>> readers) {

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
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        readers = readers == null ? Map.of() : readers;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        readers.forEach((stream, principals) -> {
            String field = Fields.join(Fields.join(Fields.SECURITY, Fields.READERS), stream);
            List<String> list = principals == null ? List.of() : principals;
            for (int i = 0; i < list.size(); i++) {
                String principal = list.get(i);
                p.require(principal != null && (principal.equals(ANY_CLIENT) || principal.matches("(role|user):\\S+")),
                        Fields.index(field, i), "a reader is role:<name>, user:<subject> or * (any authenticated client);"
                                + " got '" + principal + "'");
            }
            copy.put(stream, List.copyOf(list.stream().filter(x -> x != null).toList()));
        });
        p.throwIfAny();
        readers = Collections.unmodifiableMap(copy);
    }

    /** Whether a client with this subject and these roles may read {@code stream}. */
    public boolean mayRead(String stream, String subject, List<String> roles) {
        for (String key : List.of(stream, EVERY_STREAM)) {
            for (String principal : readers.getOrDefault(key, List.of())) {
                if (principal.equals(ANY_CLIENT)
                        || principal.startsWith("user:") && principal.substring(5).equals(subject)
                        || principal.startsWith("role:") && roles.contains(principal.substring(5))) {
                    return true;
                }
            }
        }
        return false;
    }
}
