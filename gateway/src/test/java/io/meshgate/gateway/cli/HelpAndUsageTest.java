package io.meshgate.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** No arguments prints usage and exits 2; asking for help prints it and exits 0. */
class HelpAndUsageTest {

    @Test
    void noArgumentsPrintsUsageAndExitsTwo() {
        CliRun run = CliRun.of().assertNoStackTrace();
        assertEquals(2, run.exitCode());
        assertEquals(MeshgateCli.usage(), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpPrintsUsageAndExitsZero(String help) {
        CliRun run = CliRun.of(help).assertNoStackTrace();
        assertEquals(0, run.exitCode());
        assertEquals("", run.err());
        assertTrue(run.out().contains("usage:"), run.out());
        for (String command : new String[] {"meshgate demo", "meshgate run --config FILE --region ID", "meshgate validate FILE"}) {
            assertTrue(run.out().contains(command), () -> "usage should show '" + command + "':\n" + run.out());
        }
    }
}
