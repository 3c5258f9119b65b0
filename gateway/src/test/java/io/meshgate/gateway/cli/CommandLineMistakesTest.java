package io.meshgate.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Mistakes on the command line exit 2 with a message naming the mistake, and a suggestion where one fits. */
class CommandLineMistakesTest {

    private static CliRun assertUsageError(CliRun run, String... parts) {
        run.assertNoStackTrace();
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("meshgate: "), run.err());
        assertTrue(run.err().contains("run 'meshgate help' for usage"), run.err());
        for (String part : parts) {
            assertTrue(run.err().contains(part), () -> "stderr should contain '" + part + "':\n" + run.err());
        }
        return run;
    }

    @Test
    void misspelledCommandSuggestsTheClosest() {
        assertUsageError(CliRun.of("valdiate", "mesh.yaml"),
                "unknown command 'valdiate' (did you mean 'validate'?); commands: demo, help, run, startup-training, validate");
    }

    @Test
    void unrelatedCommandListsTheCommandsWithoutASuggestion() {
        CliRun run = assertUsageError(CliRun.of("frobnicate"), "unknown command 'frobnicate'; commands: demo, help, run, startup-training, validate");
        assertTrue(!run.err().contains("did you mean"), run.err());
    }

    @Test
    void startupTrainingRefusesARecordCountOutOfRange() {
        assertUsageError(CliRun.of("startup-training", "--records", "0"), "--records", "0");
    }

    @Test
    void misspelledOptionSuggestsTheClosest() {
        assertUsageError(CliRun.of("run", "--regoin", "x", "--config", "f"),
                "unknown option '--regoin' for 'run' (did you mean '--region'?)");
    }

    @Test
    void optionWithoutAValueIsNamed() {
        assertUsageError(CliRun.of("run", "--config", "f", "--region"), "option '--region' of 'run' needs a value");
    }

    @Test
    void optionFollowedByAnotherOptionHasNoValue() {
        assertUsageError(CliRun.of("run", "--config", "--region", "eu-west"), "option '--config' of 'run' needs a value");
    }

    @Test
    void optionGivenTwiceIsNamed() {
        assertUsageError(CliRun.of("run", "--region", "a", "--region=b", "--config", "f"), "option '--region' given twice");
    }

    @Test
    void missingRequiredOptionShowsAnExample() {
        assertUsageError(CliRun.of("run", "--config", "f"), "'run' needs --region (for example --region us-east)");
    }

    @Test
    void positionalArgumentToRunIsNamed() {
        assertUsageError(CliRun.of("run", "mesh.yaml"), "'run' takes no arguments besides options, got: mesh.yaml");
    }
}
