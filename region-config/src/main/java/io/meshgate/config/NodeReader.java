package io.meshgate.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads typed values out of a composed YAML tree, strictly. Every problem is collected rather than
 * thrown, with the node's position, and every field's position is recorded in a {@link MarkIndex}
 * so that problems found later by the records can be placed too.
 *
 * <p>A YAML null ({@code key:}, {@code ~}, {@code null}) reads as absent. Anchors and aliases are
 * rejected: a mesh file should say each thing where it applies, and sharing nodes would make one
 * mistake appear at several paths.
 */
final class NodeReader {

    private final String source;
    private final MarkIndex marks;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> unreadable = new HashSet<>();

    NodeReader(String source, MarkIndex marks) {
        this.source = source;
        this.marks = marks;
    }

    /** Reports a problem at a node's position. */
    void report(Node at, String field, String message) {
        problems.add(ConfigProblem.of(field, message)
                .at(source, at.getStartMark().map(m -> m.getLine() + 1).orElse(0), at.getStartMark().map(m -> m.getColumn() + 1).orElse(0)));
    }

    /** Reports a value that could not be read; the records will see the field as missing, and must not say so again. */
    void reject(Node at, String field, String message) {
        unreadable.add(field);
        report(at, field, message);
    }

    /**
     * Adds the problems a record's constructor found, placed by field path. Problems about a field
     * this reader already failed to read are dropped: the record saw it as missing, which would
     * only repeat the first complaint less precisely.
     */
    void adopt(ConfigException e) {
        for (ConfigProblem problem : e.problems()) {
            if (!isUnderUnreadable(problem.field())) {
                problems.add(marks.place(problem, source));
            }
        }
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    private boolean isUnderUnreadable(String field) {
        for (String path = field; !path.isEmpty(); path = Fields.parent(path)) {
            if (unreadable.contains(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entries of a map whose keys the user chooses (region ids, stream names, properties), in
     * declared order. Reports non-map values, non-text keys, duplicate keys and anchors.
     */
    Map<String, Node> entries(Node node, String path, String expected) {
        Map<String, Node> result = new LinkedHashMap<>();
        if (isAbsent(node)) {
            return result;
        }
        if (!(node instanceof MappingNode)) {
            reject(node, path, "expected " + expected + ", got " + describe(node));
            return result;
        }
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Node keyNode = tuple.getKeyNode();
            Node value = tuple.getValueNode();
            if (!(keyNode instanceof ScalarNode) || isAbsent(keyNode)) {
                report(keyNode, path, "keys must be plain text, got " + describe(keyNode));
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            String field = Fields.join(path, key);
            int line = keyNode.getStartMark().map(m -> m.getLine() + 1).orElse(0);
            Integer first = firstLine.putIfAbsent(key, line);
            if (first != null) {
                report(keyNode, field, "duplicate key '" + key + "' (first defined on line " + first + "); keep only one");
                continue;
            }
            // A value's own position is the most precise for a text; for a map, a list or nothing, the key's line reads better.
            marks.record(field, value instanceof ScalarNode && !isAbsent(value) ? value.getStartMark() : keyNode.getStartMark());
            if (value.getAnchor().isPresent()) {
                reject(keyNode, field, "anchors and aliases (&" + value.getAnchor().get() + ", *" + value.getAnchor().get()
                        + ") are not supported; write the value out in full");
                continue;
            }
            result.put(key, value);
        }
        return result;
    }

    /** Like {@link #entries}, for a map with a fixed set of keys: unknown keys are reported with a suggestion. */
    Map<String, Node> fields(Node node, String path, String entity, Collection<String> allowed, String expected) {
        Map<String, Node> result = entries(node, path, expected);
        result.keySet().removeIf(key -> {
            if (allowed.contains(key)) {
                return false;
            }
            Node keyNode = keyNodeOf((MappingNode) node, key);
            report(keyNode, Fields.join(path, key), entity + ": unknown key '" + key + "' " + Suggestions.hint(key, allowed, "allowed keys"));
            return true;
        });
        return result;
    }

    /** A text value, or empty when absent or not text (then reported). */
    Optional<String> text(Node node, String field, String expected) {
        if (isAbsent(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode) {
            return Optional.of(((ScalarNode) node).getValue());
        }
        reject(node, field, "expected " + expected + ", got " + describe(node));
        return Optional.empty();
    }

    /** A text value converted by {@code parse}, whose IllegalArgumentException message becomes the problem. */
    <T> Optional<T> value(Node node, String field, String expected, Function<String, T> parse) {
        return text(node, field, expected).flatMap(text -> {
            try {
                return Optional.of(parse.apply(text));
            } catch (IllegalArgumentException e) {
                reject(node, field, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A list of text values; a single text value is accepted as a list of one. */
    Optional<List<String>> list(Node node, String field, String expected, String expectedItem) {
        if (isAbsent(node) || node instanceof ScalarNode) {
            return text(node, field, expected).map(List::of);
        }
        if (!(node instanceof SequenceNode)) {
            reject(node, field, "expected " + expected + ", got " + describe(node));
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        List<Node> nodes = ((SequenceNode) node).getValue();
        for (int i = 0; i < nodes.size(); i++) {
            Node item = nodes.get(i);
            String itemField = Fields.index(field, i);
            marks.record(itemField, item.getStartMark());
            if (item instanceof ScalarNode && !isAbsent(item) && item.getAnchor().isEmpty()) {
                items.add(((ScalarNode) item).getValue());
            } else {
                reject(item, itemField, "expected " + expectedItem + ", got " + describe(item));
                unreadable.add(field);
            }
        }
        return unreadable.contains(field) ? Optional.empty() : Optional.of(items);
    }

    /** A map of text to text, in declared order. */
    Optional<Map<String, String>> textMap(Node node, String path, String expected) {
        Map<String, String> result = new LinkedHashMap<>();
        entries(node, path, expected).forEach((key, value) -> {
            String field = Fields.join(path, key);
            if (isAbsent(value)) {
                reject(value, field, "'" + key + "' needs a value");
            } else {
                text(value, field, "a text value").ifPresent(text -> result.put(key, text));
            }
        });
        return unreadable.contains(path) ? Optional.empty() : Optional.of(result);
    }

    static boolean isAbsent(Node node) {
        return node == null || (node instanceof ScalarNode && node.getTag().equals(Tag.NULL));
    }

    private static String describe(Node node) {
        if (node.getAnchor().isPresent()) {
            return "an anchor or alias (&" + node.getAnchor().get() + "), which is not supported";
        }
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isAbsent(node) ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
    }

    private static Node keyNodeOf(MappingNode map, String key) {
        return map.getValue().stream().map(NodeTuple::getKeyNode)
                .filter(k -> k instanceof ScalarNode && ((ScalarNode) k).getValue().equals(key))
                .findFirst().orElse(map);
    }
}
