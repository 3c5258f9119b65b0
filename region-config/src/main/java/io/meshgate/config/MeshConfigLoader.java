package io.meshgate.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads a mesh definition from YAML, strictly: unknown keys, duplicate keys, wrong types and every
 * rule of the records are reported together, each as {@code file:line:col: field: message}. The
 * format is described in this module's README.
 *
 * <p>Stateless and thread-safe.
 */
public final class MeshConfigLoader {

    private static final Comparator<ConfigProblem> BY_POSITION =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    private MeshConfigLoader() {
    }

    /**
     * Loads and validates the mesh file at {@code file}.
     *
     * @throws ConfigException listing every problem, including a file that cannot be read
     */
    public static MeshConfig load(Path file) {
        String source = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw unreadable(source, "it is a directory");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), source);
        } catch (NoSuchFileException e) {
            String where = file.isAbsolute() ? "" : " (looked in " + file.toAbsolutePath().getParent() + ")";
            throw unreadable(source, "no such file" + where);
        } catch (AccessDeniedException e) {
            throw unreadable(source, "permission denied");
        } catch (CharacterCodingException e) {
            throw unreadable(source, "it is not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(source, e.getMessage());
        }
    }

    /**
     * Parses and validates a mesh definition held in memory.
     *
     * @param sourceName names the text in problems, usually a file name
     * @throws ConfigException listing every problem
     */
    public static MeshConfig parse(String yaml, String sourceName) {
        String source = sourceName == null || sourceName.isBlank() ? "<mesh config>" : sourceName;
        Node root = YamlComposer.compose(yaml, source).orElseThrow(() -> new ConfigException(new ConfigProblem(source, 1, 1, "",
                "the file is empty; a mesh file needs at least a 'regions:' map, see the region-config README")));
        MarkIndex marks = new MarkIndex();
        marks.record("", root.getStartMark());
        NodeReader reader = new NodeReader(source, marks);
        MeshConfig config = new MeshBinder(reader).bind(root);
        List<ConfigProblem> problems = reader.problems().stream().distinct().sorted(BY_POSITION).toList();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (config == null) {
            throw new IllegalStateException("mesh binding failed without reporting a problem: " + source);
        }
        return config;
    }

    private static ConfigException unreadable(String source, String reason) {
        return new ConfigException(new ConfigProblem(source, 0, 0, "", "cannot read file: " + reason));
    }
}
