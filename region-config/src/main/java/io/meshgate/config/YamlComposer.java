package io.meshgate.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes YAML text into a node tree with positions, turning the engine's syntax errors into
 * {@link ConfigProblem}s at the engine's line and column.
 */
final class YamlComposer {

    private static final String SINGLE_DOCUMENT = "expected a single document in the stream";

    private YamlComposer() {
    }

    /** The document's root node, or empty for a document with no content; throws ConfigException on bad syntax. */
    static Optional<Node> compose(String yaml, String source) {
        // The core schema so that ~, null and empty values all read as null, as YAML users expect.
        // Non-text keys are let through so NodeReader can report them with a position, which the engine would not.
        LoadSettings settings = LoadSettings.builder().setLabel(source).setSchema(new CoreSchema()).setUseMarks(true)
                .setAllowNonScalarKeys(true).build();
        try {
            return new Compose(settings).composeString(yaml).filter(root -> !NodeReader.isAbsent(root));
        } catch (MarkedYamlEngineException e) {
            throw new ConfigException(syntaxProblem(e, source));
        } catch (ReaderException e) {
            int[] at = lineAndColumn(yaml, e.getPosition());
            throw new ConfigException(new ConfigProblem(source, at[0], at[1], "",
                    String.format("invalid YAML: character U+%04X is not allowed in a YAML file", e.getCodePoint())));
        } catch (YamlEngineException e) {
            throw new ConfigException(new ConfigProblem(source, 0, 0, "", "invalid YAML: " + firstLine(e.getMessage())));
        }
    }

    private static ConfigProblem syntaxProblem(MarkedYamlEngineException e, String source) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        if (SINGLE_DOCUMENT.equals(e.getContext())) {
            return problemAt(source, mark, "invalid YAML: a second document starts here ('---'); a mesh file is a single document");
        }
        StringBuilder message = new StringBuilder("invalid YAML: ").append(e.getProblem());
        if (e.getContext() != null) {
            message.append(" (").append(e.getContext());
            e.getContextMark().ifPresent(m -> message.append(" at line ").append(m.getLine() + 1)
                    .append(", column ").append(m.getColumn() + 1));
            message.append(')');
        }
        return problemAt(source, mark, message.toString());
    }

    private static ConfigProblem problemAt(String source, Optional<Mark> mark, String message) {
        return new ConfigProblem(source, mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0), "", message);
    }

    /** 1-based line and column of the code point at {@code position}. */
    private static int[] lineAndColumn(String text, int position) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int i = 0; i < position && index < text.length(); i++) {
            int codePoint = text.codePointAt(index);
            index += Character.charCount(codePoint);
            if (codePoint == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable document";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
