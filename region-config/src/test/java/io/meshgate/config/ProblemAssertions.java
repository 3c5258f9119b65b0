package io.meshgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Collectors;

/** Loads YAML that should fail and checks where and why, printing every problem when a check fails. */
final class ProblemAssertions {

    static final String SOURCE = "mesh.yaml";

    private ProblemAssertions() {
    }

    static List<ConfigProblem> problemsIn(String yaml) {
        return assertThrows(ConfigException.class, () -> MeshConfigLoader.parse(yaml, SOURCE)).problems();
    }

    /** Asserts that loading {@code yaml} finds exactly one problem, at {@code position} ("line:col"), on {@code field}. */
    static ConfigProblem assertOnlyProblem(String yaml, String position, String field, String... fragments) {
        List<ConfigProblem> problems = problemsIn(yaml);
        assertEquals(1, problems.size(), () -> "expected one problem, got:\n" + render(problems));
        return assertProblem(problems, position, field, fragments);
    }

    /** Asserts that {@code problems} holds one at {@code position} on {@code field} whose message contains every fragment. */
    static ConfigProblem assertProblem(List<ConfigProblem> problems, String position, String field, String... fragments) {
        for (ConfigProblem problem : problems) {
            if ((problem.line() + ":" + problem.column()).equals(position) && problem.field().equals(field)) {
                for (String fragment : fragments) {
                    assertTrue(problem.message().contains(fragment),
                            () -> "message lacks '" + fragment + "':\n" + problem.format());
                }
                assertEquals(SOURCE, problem.source());
                return problem;
            }
        }
        return fail("no problem at " + position + " on '" + field + "'; got:\n" + render(problems));
    }

    static String render(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
    }
}
