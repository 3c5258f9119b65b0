package io.meshgate.gateway.security;

import io.meshgate.config.SecurityConfig;
import io.meshgate.replication.protocol.LinkCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Reads, once at start, the secret peer gateways share ({@code security.links}) from its environment variable or
 * file. A gateway whose secret is missing, unreadable or too short refuses to start, saying which: it could neither
 * open links nor accept them.
 *
 * <p>The value may hold several secrets separated by commas (base64 never contains one): the first signs this
 * gateway's links, and links signed with any of them are accepted. That is how a mesh rotates its secret region by
 * region: {@code old,new} everywhere, then {@code new,old}, then {@code new}.
 */
public final class LinkSecrets {

    private static final String HOW_TO_MAKE_ONE = "the same secret in every region (make one with: openssl rand -base64 32)";

    private LinkSecrets() {
    }

    /** {@link LinkCredentials#none()} when the mesh's links are not authenticated; {@code env} reads the environment. */
    public static LinkCredentials load(SecurityConfig security, UnaryOperator<String> env) {
        if (security == null || !security.linksAuthenticated()) {
            return LinkCredentials.none();
        }
        String secret;
        String source;
        if (security.linkSecretEnv() != null) {
            source = "security.links.secret-env (" + security.linkSecretEnv() + ")";
            secret = env.apply(security.linkSecretEnv());
            if (secret == null || secret.isBlank()) {
                throw new IllegalStateException("security.links.secret-env names " + security.linkSecretEnv()
                        + " but that environment variable is not set; set it to " + HOW_TO_MAKE_ONE);
            }
        } else {
            source = "security.links.secret-file (" + security.linkSecretFile() + ")";
            try {
                secret = Files.readString(Path.of(security.linkSecretFile()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("security.links.secret-file " + security.linkSecretFile()
                        + " cannot be read (" + e + "); it should hold " + HOW_TO_MAKE_ONE, e);
            }
        }
        try {
            // The line end an editor or echo adds is not part of the secret: the same value must give the same MAC
            // whether a region keeps it in a file or in the environment.
            return LinkCredentials.sharedSecrets(Arrays.stream(secret.strip().split(",", -1))
                    .map(one -> one.strip().getBytes(StandardCharsets.UTF_8)).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + ": " + e.getMessage(), e);
        }
    }
}
