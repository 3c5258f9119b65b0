package io.meshgate.gateway;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The certificate a gateway serves HTTPS and WSS with, so that links, subscriptions and lookups crossing a WAN are
 * encrypted without a proxy in front: a PEM certificate chain and its PEM private key (PKCS#8 or PKCS#1). Peers
 * check it against their JVM's trust store. Validated here; a key that does not match its certificate is reported
 * when the gateway starts listening.
 *
 * @param certFile the certificate chain, the gateway's own certificate first
 * @param keyFile  its private key, unencrypted
 */
public record ServerTls(Path certFile, Path keyFile) {

    public ServerTls {
        requireReadable("--tls-cert", "certificate", certFile);
        requireReadable("--tls-key", "private key", keyFile);
    }

    private static void requireReadable(String flag, String what, Path file) {
        if (file == null) {
            throw new IllegalArgumentException(flag + " is missing: a gateway serving TLS needs both --tls-cert (the PEM"
                    + " certificate chain) and --tls-key (its PEM private key)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(flag + " " + file + ": no readable file there; it should hold the PEM "
                    + what + " the gateway serves TLS with");
        }
    }

    /** {@code options}, serving TLS with this certificate. */
    public HttpServerOptions applyTo(HttpServerOptions options) {
        return options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(certFile.toString()).setKeyPath(keyFile.toString()));
    }
}
