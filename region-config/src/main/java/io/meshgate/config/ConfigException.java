package io.meshgate.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A mesh configuration is invalid. Carries every problem found, not just the first, so that a user
 * can fix a file in one pass. The message is one line per problem, in
 * {@code file:line:col: field: message} form.
 */
public class ConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** Every problem found, in the order found (the loader sorts them by position in the file). */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            // A ConfigException without a reason would send users hunting for nothing.
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
    }
}
