package io.meshgate.chaos.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1, made by the JDK's own keytool (Java has no public API that signs
 * certificates), in the forms a TLS-serving gateway and its peers take: PEM certificate and key for
 * {@code meshgate run --tls-cert --tls-key}, and a PKCS12 trust store for the peers' JVMs.
 *
 * @param certFile   the certificate, PEM
 * @param keyFile    its private key, PEM (PKCS#8)
 * @param trustStore a PKCS12 trust store holding the certificate, password {@link #PASSWORD}
 */
public record TestTls(Path certFile, Path keyFile, Path trustStore) {

    public static final String PASSWORD = "changeit";

    public static TestTls create(Path dir) throws Exception {
        Path store = dir.resolve("gateway.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = keys.getCertificate("gateway");
        TestTls tls = new TestTls(dir.resolve("gateway-cert.pem"), dir.resolve("gateway-key.pem"), dir.resolve("peers.p12"));
        Files.writeString(tls.certFile(), pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(tls.keyFile(), pem("PRIVATE KEY", keys.getKey("gateway", PASSWORD.toCharArray()).getEncoded()));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("gateway", certificate);
        try (OutputStream out = Files.newOutputStream(tls.trustStore())) {
            trusted.store(out, PASSWORD.toCharArray());
        }
        return tls;
    }

    /** JVM options that make a gateway trust this certificate in its peers, as an operator sets them. */
    public List<String> peerTrustJvmOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
    }

    /** An SSL context trusting this certificate, for test clients. */
    public SSLContext clientContext() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
