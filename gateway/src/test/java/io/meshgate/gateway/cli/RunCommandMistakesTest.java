package io.meshgate.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshgate run} mistakes that are caught before anything starts. */
class RunCommandMistakesTest {

    @TempDir
    Path dir;

    @Test
    void unknownRegionInAValidConfigSuggestsTheClosestAndListsRegions() {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID);
        CliRun run = CliRun.of("run", "--config", file.toString(), "--region", "us-esat").assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("meshgate: region 'us-esat' is not in " + file
                + " (did you mean 'us-east'?); regions: eu-west, us-east"), run.err());
    }

    @Test
    void invalidConfigExitsOneWithTheProblems() {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.BROKEN);
        CliRun run = CliRun.of("run", "--config", file.toString(), "--region", "eu-west").assertNoStackTrace();
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(file + ":10:15: streams.orders.origins[0]: "), run.err());
    }

    @Test
    void malformedListenAddressIsAUsageError() {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID);
        CliRun run = CliRun.of("run", "--config", file.toString(), "--region", "eu-west", "--listen", "8081").assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--listen needs HOST:PORT"), run.err());
    }

    @Test
    void aCertificateWithoutItsKeyIsAUsageError() throws Exception {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID);
        Path cert = java.nio.file.Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
        CliRun run = CliRun.of("run", "--config", file.toString(), "--region", "eu-west", "--tls-cert", cert.toString())
                .assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--tls-key is missing: a gateway serving TLS needs both --tls-cert"), run.err());
    }

    @Test
    void aCertificateFileThatIsNotThereIsAUsageError() {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID);
        Path missing = dir.resolve("nope.pem");
        CliRun run = CliRun.of("run", "--config", file.toString(), "--region", "eu-west", "--tls-cert", missing.toString(),
                "--tls-key", missing.toString()).assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--tls-cert " + missing + ": no readable file there"), run.err());
    }

    @Test
    void servingTlsBehindAnHttpUrlIsAUsageError() throws Exception {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID);
        Path pem = java.nio.file.Files.writeString(dir.resolve("any.pem"), "-----BEGIN CERTIFICATE-----\n");
        CliRun run = CliRun.of("run", "--config", file.toString(), "--region", "eu-west", "--tls-cert", pem.toString(),
                "--tls-key", pem.toString()).assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--tls-cert makes the gateway serve https, but region 'eu-west' has gateway http://"),
                run.err());
        assertTrue(run.err().contains("make that URL https://"), run.err());
    }

    @Test
    void aCertificateThatIsNotPemFailsTheStartNamingBothFiles() throws Exception {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID.replace("http://", "https://"));
        Path pem = java.nio.file.Files.writeString(dir.resolve("bad.pem"),
                "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        CliRun run = CliRun.of("run", "--config", file.toString(), "--region", "eu-west", "--listen", "127.0.0.1:0",
                "--tls-cert", pem.toString(), "--tls-key", pem.toString()).assertNoStackTrace();
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("(is " + pem + " a PEM certificate chain and " + pem
                + " its unencrypted PEM private key?)"), run.err());
    }

    @Test
    void instanceOutOfRangeIsAUsageError() {
        CliRun run = CliRun.of("run", "--config", "f", "--region", "eu-west", "--instance", "0").assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("option '--instance' needs a whole number from 1 to 999, got '0'"), run.err());
    }

    @Test
    void httpLoopsOutOfRangeIsAUsageError() {
        CliRun run = CliRun.of("run", "--config", "f", "--region", "eu-west", "--http-loops", "0").assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("option '--http-loops' needs a whole number from 1 to 256, got '0'"), run.err());
    }

    @Test
    void aBusyPortFailsTheStartAndAsksWhetherAnotherGatewayRunsThere() throws Exception {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("run", "--config", file.toString(), "--region", "eu-west",
                    "--listen", "127.0.0.1:" + taken.getLocalPort()).assertNoStackTrace();
            assertEquals(1, run.exitCode());
            assertTrue(run.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for region 'eu-west'"), run.err());
            assertTrue(run.err().contains("(is another gateway already running there?)"), run.err());
        }
    }

    @Test
    void anAddressThisHostDoesNotHaveSaysSo() {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID);
        // 192.0.2.0/24 is reserved for documentation (RFC 5737): no host is configured with it.
        CliRun run = CliRun.of("run", "--config", file.toString(), "--region", "eu-west", "--listen", "192.0.2.1:8081")
                .assertNoStackTrace();
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("(this host has no such address: give --listen one of its addresses, or 0.0.0.0"), run.err());
    }
}
