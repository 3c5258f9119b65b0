package io.meshgate.gateway.security;

import io.meshgate.config.SecurityConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Authenticates clients of destination-port endpoints by JWT bearer token (the {@code Authorization: Bearer}
 * header, or the {@code access_token} query parameter for browsers, which cannot set headers on a WebSocket) and
 * tells whether they may read a stream or use the admin API. Built once per gateway; refuses to build on a missing key, so a gateway
 * never starts open by mistake when its config says secured.
 */
public final class ClientAuth {

    private final SecurityConfig security;
    private final Supplier<SecurityConfig> current;
    private final JWTAuth jwt;

    private ClientAuth(SecurityConfig security, Supplier<SecurityConfig> current, JWTAuth jwt) {
        this.security = security;
        this.current = current;
        this.jwt = jwt;
    }

    /** Null when the mesh has no security section: every client is {@link ClientIdentity#ANONYMOUS} and may read. */
    public static ClientAuth create(Vertx vertx, SecurityConfig security) {
        return create(vertx, security, () -> security);
    }

    /**
     * As {@link #create(Vertx, SecurityConfig)}, with readers and admins taken from {@code current} at each check, so
     * that a reloaded config's access rules apply at once; tokens are always checked by {@code security.jwt} of the
     * start (changing it needs a restart).
     */
    public static ClientAuth create(Vertx vertx, SecurityConfig security, Supplier<SecurityConfig> current) {
        if (security == null) {
            return null;
        }
        PubSecKeyOptions key = new PubSecKeyOptions();
        if (security.hmacSecretEnv() != null) {
            String secret = System.getenv(security.hmacSecretEnv());
            if (secret == null || secret.isBlank()) {
                throw new IllegalStateException("security.jwt.hmac-secret-env names " + security.hmacSecretEnv()
                        + " but that environment variable is not set; set it to the HS256 secret your token issuer uses");
            }
            key.setAlgorithm("HS256").setBuffer(Buffer.buffer(secret));
        } else {
            try {
                key.setAlgorithm("RS256").setBuffer(Files.readString(Path.of(security.publicKeyFile())));
            } catch (IOException e) {
                throw new IllegalStateException("security.jwt.public-key-file " + security.publicKeyFile()
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        JWTOptions verify = new JWTOptions();
        if (security.issuer() != null) {
            verify.setIssuer(security.issuer());
        }
        if (security.audience() != null) {
            verify.setAudience(List.of(security.audience()));
        }
        return new ClientAuth(security, current, JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key).setJWTOptions(verify)));
    }

    /** The bearer token of a request, or null. */
    public static String token(MultiMap headers, MultiMap params) {
        String authorization = headers.get("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return params.get("access_token");
    }

    /** Verifies a token; fails with {@link AuthException} saying why. */
    public Future<ClientIdentity> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Future.failedFuture(new AuthException("auth.missing", "this gateway requires a JWT: send"
                    + " 'Authorization: Bearer <token>' or, from a browser, the access_token query parameter"));
        }
        return jwt.authenticate(new TokenCredentials(token))
                .recover(failure -> Future.failedFuture(new AuthException("auth.invalid", "the token was refused: "
                        + failure.getMessage() + " (check its signature, expiry, issuer and audience)")))
                .map(user -> {
                    List<String> roles = new ArrayList<>();
                    Object claim = user.principal().getValue(security.rolesClaim());
                    if (claim instanceof JsonArray array) {
                        array.forEach(role -> roles.add(String.valueOf(role)));
                    }
                    return new ClientIdentity(user.principal().getString("sub", "unknown"), roles);
                });
    }

    /** A view is readable by the readers listed for it, or when it has no entry of its own, by its stream's readers. */
    public boolean mayReadView(ClientIdentity client, String view, String stream) {
        return mayRead(client, rules().readers().containsKey(view) ? view : stream);
    }

    public boolean mayRead(ClientIdentity client, String stream) {
        return rules().mayRead(stream, client.subject(), client.roles());
    }

    /** Whether the client is one of {@code security.admins}, who may use the admin API. */
    public boolean isAdmin(ClientIdentity client) {
        return rules().isAdmin(client.subject(), client.roles());
    }

    private SecurityConfig rules() {
        SecurityConfig now = current.get();
        return now == null ? security : now;  // a reload cannot remove the section (restart only); belt and braces
    }
}
