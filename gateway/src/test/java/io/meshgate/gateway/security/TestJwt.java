package io.meshgate.gateway.security;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;

/** An RS256 token issuer for tests: its public key goes in the mesh file, its tokens to the clients. */
public final class TestJwt {

    public static final String ISSUER = "test-idp";

    private final JWTAuth signer;

    private TestJwt(JWTAuth signer) {
        this.signer = signer;
    }

    /** A new issuer with its own key pair, writing its public key to {@code publicKeyFile} when that is not null. */
    public static TestJwt create(Vertx vertx, Path publicKeyFile) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        if (publicKeyFile != null) {
            Files.writeString(publicKeyFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        }
        return new TestJwt(JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
                .setAlgorithm("RS256").setBuffer(pem("PRIVATE KEY", keys.getPrivate().getEncoded())))));
    }

    /** A token for {@code subject} with one role, valid for five minutes. */
    public String token(String subject, String role) {
        return signer.generateToken(new JsonObject().put("sub", subject).put("roles", List.of(role)),
                new JWTOptions().setAlgorithm("RS256").setIssuer(ISSUER).setExpiresInMinutes(5));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
