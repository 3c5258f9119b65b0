package io.meshgate.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Where each field path sits in the file. Records raise problems by field path alone; this index
 * turns such a path into a line and column, falling back to the closest enclosing field that was
 * seen, so a missing {@code regions.eu-west.gateway} points at the {@code eu-west:} line.
 */
final class MarkIndex {

    private final Map<String, Mark> marks = new HashMap<>();

    /** Remembers where {@code path} is; the first sighting wins, as later ones are duplicates. */
    void record(String path, Optional<Mark> mark) {
        mark.ifPresent(m -> marks.putIfAbsent(path, m));
    }

    /** The mark of {@code field} or of its closest recorded ancestor, the document itself last. */
    Optional<Mark> locate(String field) {
        String path = field;
        while (true) {
            Mark mark = marks.get(path);
            if (mark != null) {
                return Optional.of(mark);
            }
            if (path.isEmpty()) {
                return Optional.empty();
            }
            path = Fields.parent(path);
        }
    }

    /** A problem placed at the mark of its field, with 1-based line and column. */
    ConfigProblem place(ConfigProblem problem, String source) {
        return locate(problem.field())
                .map(mark -> problem.at(source, mark.getLine() + 1, mark.getColumn() + 1))
                .orElseGet(() -> problem.at(source, 0, 0));
    }
}
