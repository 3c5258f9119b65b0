package io.meshgate.gateway;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 as PEM files, made by the JDK's own keytool (Java has no public API that
 * signs certificates), for tests of a gateway serving TLS.
 *
 * @param certFile the certificate, PEM
 * @param keyFile  its private key, PEM (PKCS#8)
 */
public record TestCertificate(Path certFile, Path keyFile) {

    private static final char[] PASSWORD = "changeit".toCharArray();

    public static TestCertificate create(Path dir) throws Exception {
        Path store = dir.resolve("gateway.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        TestCertificate certificate = new TestCertificate(dir.resolve("gateway-cert.pem"), dir.resolve("gateway-key.pem"));
        Files.writeString(certificate.certFile(), pem("CERTIFICATE", keys.getCertificate("gateway").getEncoded()));
        Files.writeString(certificate.keyFile(), pem("PRIVATE KEY", keys.getKey("gateway", PASSWORD).getEncoded()));
        return certificate;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
