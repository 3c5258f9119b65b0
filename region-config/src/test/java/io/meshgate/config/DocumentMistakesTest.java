package io.meshgate.config;

import static io.meshgate.config.Meshes.TWO_REGIONS;
import static io.meshgate.config.ProblemAssertions.assertOnlyProblem;
import static io.meshgate.config.ProblemAssertions.assertProblem;
import static io.meshgate.config.ProblemAssertions.problemsIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are missing, empty, not YAML, not a mesh, or wrong in several places at once. */
class DocumentMistakesTest {

    @TempDir
    Path dir;

    @Test
    void yamlSyntaxErrorCarriesTheEnginesPosition() {
        assertOnlyProblem("""
                regions:
                  eu-west:
                    bootstrap-servers: host: 9092
                """, "3:28", "", "invalid YAML: mapping values are not allowed here");
    }

    @Test
    void unclosedFlowListNamesWhereItStarted() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    origins: [eu-west
                """, "11:1", "", "invalid YAML: expected ',' or ']'", "while parsing a flow sequence at line 10, column 14");
    }

    @Test
    void emptyFile() {
        assertOnlyProblem("", "1:1", "", "the file is empty");
    }

    @Test
    void fileWithOnlyComments() {
        assertOnlyProblem("# to be written\n", "1:1", "", "the file is empty");
    }

    @Test
    void documentThatIsNotAMap() {
        assertOnlyProblem("- eu-west\n- us-east\n", "1:1", "",
                "expected a map with 'regions' and optionally 'mesh', 'streams' and 'links', got a list");
    }

    @Test
    void documentWithoutRegions() {
        assertOnlyProblem("mesh: demo\n", "1:1", "regions", "a mesh needs at least one region under 'regions:'");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("mesh.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> MeshConfigLoader.load(file));
        assertEquals(file + ": cannot read file: no such file", e.getMessage());
        assertEquals(file.toString(), e.problems().get(0).source());
    }

    @Test
    void directoryInsteadOfFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> MeshConfigLoader.load(dir));
        assertEquals(dir + ": cannot read file: it is a directory", e.getMessage());
    }

    @Test
    void everyProblemIsReportedTogetherInFileOrder() {
        List<ConfigProblem> problems = problemsIn("""
                regions:
                  eu-west:
                    bootstrap-servers: a
                    gateway: http://a:8081
                  us-east:
                    bootstrap-servers: b:1
                    gateway: nowhere
                    kafka-propertes: {}
                streams:
                  orders:
                    topic: "bad topic"
                    origins: [eu-west]
                  clicks:
                    replicate-to: []
                links:
                  max-batch-records: 1000000
                """);
        assertEquals(7, problems.size(), () -> ProblemAssertions.render(problems));
        assertProblem(problems, "3:24", "regions.eu-west.bootstrap-servers[0]", "has no port");
        assertProblem(problems, "7:14", "regions.us-east.gateway", "must be an absolute http:// or https:// URL");
        assertProblem(problems, "8:5", "regions.us-east.kafka-propertes", "did you mean 'kafka-properties'?");
        assertProblem(problems, "11:12", "streams.orders.topic", "is not legal");
        assertProblem(problems, "13:3", "streams.clicks.origins", "must name at least one region");
        assertProblem(problems, "14:5", "streams.clicks.replicate-to", "replicate-to is empty");
        assertProblem(problems, "16:22", "links.max-batch-records", "must be between 1 and 100000");
        assertEquals(problems.stream().map(ConfigProblem::line).sorted().toList(), problems.stream().map(ConfigProblem::line).toList(),
                "problems come in file order");
    }

    @Test
    void secondDocumentIsAnError() {
        assertOnlyProblem(TWO_REGIONS + "---\nstreams: {}\n", "8:1", "", "a mesh file is a single document");
    }

    @Test
    void keysMustBeText() {
        List<ConfigProblem> problems = problemsIn(TWO_REGIONS + "  ? [ap-south]\n  : {}\n");
        assertProblem(problems, "8:5", "regions", "keys must be plain text, got a list");
    }

    @Test
    void brokenPartsDoNotHideMeshWideMistakes() {
        List<ConfigProblem> problems = problemsIn("""
                mesh: My Mesh
                regions:
                  eu-west:
                    bootstrap-servers: a:1
                    gateway: http://a:8081
                streams:
                  orders:
                    origins: [eu-wset]
                links:
                  replica-topic: replicas
                """);
        assertEquals(3, problems.size(), () -> ProblemAssertions.render(problems));
        assertProblem(problems, "1:7", "mesh", "mesh name 'My Mesh' is not valid");
        assertProblem(problems, "8:15", "streams.orders.origins[0]", "unknown region 'eu-wset' (did you mean 'eu-west'?");
        assertProblem(problems, "10:18", "links.replica-topic", "must contain both {origin} and {topic}");
    }

    @Test
    void referencesAreCheckedEvenWhenARegionHasBadSettings() {
        List<ConfigProblem> problems = problemsIn("""
                regions:
                  eu-west:
                    bootstrap-servers: localhost
                    gateway: http://a:8081
                streams:
                  orders:
                    origins: [eu-west]
                    replicate-to: [us-east]
                """);
        assertEquals(2, problems.size(), () -> ProblemAssertions.render(problems));
        assertProblem(problems, "3:24", "regions.eu-west.bootstrap-servers[0]", "has no port");
        assertProblem(problems, "8:20", "streams.orders.replicate-to[0]", "unknown region 'us-east' (known: eu-west)");
    }

    @Test
    void messageIsOneLinePerProblemInCompilerForm() {
        ConfigException e = assertThrows(ConfigException.class, () -> MeshConfigLoader.parse(TWO_REGIONS + """
                links:
                  max-batch-records: 0
                  idle-timeout: 1ms
                """, "mesh.yaml"));
        assertEquals("""
                mesh.yaml:9:22: links.max-batch-records: max-batch-records is 0 but must be between 1 and 100000
                mesh.yaml:10:17: links.idle-timeout: idle-timeout (1ms) must be longer than heartbeat-interval (1s); \
                a few heartbeat intervals is typical""", e.getMessage());
    }
}
