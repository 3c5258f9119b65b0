package io.meshgate.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshgate validate FILE}: ok and a summary, or every problem as file:line:col: field: message. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void validFilePrintsOkWithASummaryAndExitsZero() {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID);
        CliRun run = CliRun.of("validate", file.toString()).assertNoStackTrace();
        assertEquals(0, run.exitCode());
        assertEquals("ok: " + file + ": mesh 'mesh', 2 regions (eu-west, us-east), 1 stream, 0 views; security off: any"
                + " client that reaches a gateway reads every stream" + System.lineSeparator(), run.out());
        assertEquals("", run.err());
    }

    @Test
    void aSecuredFileSaysWhatClientsAndLinksNeed() {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID + """
                security:
                  jwt: {hmac-secret-env: MESHGATE_JWT_SECRET}
                  links: {secret-env: MESHGATE_LINK_SECRET}
                """);
        CliRun run = CliRun.of("validate", file.toString()).assertNoStackTrace();
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().endsWith("; security on: clients need a JWT, links a shared secret" + System.lineSeparator()),
                run.out());
    }

    @Test
    void aViewFilterThatCannotBeUsedIsReportedWithItsView() {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.VALID + """
                views:
                  big-orders: {stream: orders, where: "amount >> 100"}
                """);
        CliRun run = CliRun.of("validate", file.toString()).assertNoStackTrace();
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("views.big-orders: view 'big-orders': where/fields:"), run.out());
    }

    @Test
    void brokenFileListsEveryProblemWithPositionFieldAndSuggestion() {
        Path file = MeshFiles.write(dir, "mesh.yaml", MeshFiles.BROKEN);
        CliRun run = CliRun.of("validate", file.toString()).assertNoStackTrace();
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        String[] lines = run.err().strip().split("\\R");
        assertEquals(2, lines.length, run.err());
        assertTrue(lines[0].startsWith(file + ":10:15: streams.orders.origins[0]: "), lines[0]);
        assertTrue(lines[0].contains("unknown region 'eu-wset' (did you mean 'eu-west'?"), lines[0]);
        assertTrue(lines[1].startsWith(file + ":11:5: streams.orders.replcate-to: "), lines[1]);
        assertTrue(lines[1].contains("unknown key 'replcate-to' (did you mean 'replicate-to'?"), lines[1]);
    }

    @Test
    void missingFileExitsOneSayingTheFileIsNotThere() {
        Path missing = dir.resolve("nope.yaml");
        CliRun run = CliRun.of("validate", missing.toString()).assertNoStackTrace();
        assertEquals(1, run.exitCode());
        assertEquals(missing + ": cannot read file: no such file", run.err().strip());
    }

    @Test
    void directoryInsteadOfAFileExitsOne() {
        CliRun run = CliRun.of("validate", dir.toString()).assertNoStackTrace();
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("cannot read file: it is a directory"), run.err());
    }

    @Test
    void noFileIsAUsageError() {
        CliRun run = CliRun.of("validate").assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'validate' takes one config file"), run.err());
        assertTrue(run.err().contains("none given"), run.err());
    }

    @Test
    void twoFilesAreAUsageError() {
        CliRun run = CliRun.of("validate", "a.yaml", "b.yaml").assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("got: a.yaml b.yaml"), run.err());
    }

    @Test
    void optionsAreAUsageError() {
        CliRun run = CliRun.of("validate", "--strict", "mesh.yaml").assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown option '--strict' for 'validate'; options: none"), run.err());
    }
}
