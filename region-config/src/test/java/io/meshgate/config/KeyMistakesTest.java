package io.meshgate.config;

import static io.meshgate.config.Meshes.TWO_REGIONS;
import static io.meshgate.config.ProblemAssertions.assertOnlyProblem;
import static io.meshgate.config.ProblemAssertions.assertProblem;
import static io.meshgate.config.ProblemAssertions.problemsIn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys that are misspelled, repeated or otherwise not what the format allows. */
class KeyMistakesTest {

    @Test
    void unknownKeyInAStreamSuggestsTheClosestKey() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    origins: [eu-west]
                    replcate-to: [us-east]
                """, "11:5", "streams.orders.replcate-to",
                "stream 'orders': unknown key 'replcate-to' (did you mean 'replicate-to'? allowed keys: topic, origins, replicate-to)");
    }

    @Test
    void unknownTopLevelKeySuggestsTheClosestKey() {
        assertOnlyProblem(TWO_REGIONS + """
                stream:
                  orders:
                    origins: [eu-west]
                """, "8:1", "stream", "mesh file: unknown key 'stream' (did you mean 'streams'?");
    }

    @Test
    void unknownKeyFarFromAnyAllowedKeyListsTheAllowedKeys() {
        assertOnlyProblem(TWO_REGIONS + """
                links:
                  compression: zstd
                """, "9:3", "links.compression", "links: unknown key 'compression' (allowed keys: replica-topic,");
    }

    @Test
    void duplicateKeyIsAnError() {
        assertOnlyProblem("""
                regions:
                  eu-west:
                    bootstrap-servers: a:1
                    gateway: http://a:8081
                    gateway: http://a:8082
                """, "5:5", "regions.eu-west.gateway", "duplicate key 'gateway' (first defined on line 4)");
    }

    @Test
    void regionDefinedTwiceIsADuplicateKey() {
        assertOnlyProblem(TWO_REGIONS + """
                  eu-west:
                    bootstrap-servers: c:1
                    gateway: http://c:8081
                """, "8:3", "regions.eu-west", "duplicate key 'eu-west' (first defined on line 2)");
    }

    @Test
    void anchorsAndAliasesAreRejectedWhereverTheyAppear() {
        List<ConfigProblem> problems = problemsIn(TWO_REGIONS + """
                streams:
                  orders:
                    origins: &o [eu-west]
                  payments:
                    origins: *o
                """);
        assertEquals(2, problems.size(), () -> ProblemAssertions.render(problems));
        assertProblem(problems, "10:5", "streams.orders.origins", "anchors and aliases (&o, *o) are not supported");
        assertProblem(problems, "12:5", "streams.payments.origins", "anchors and aliases");
    }
}
