package io.meshgate.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** Rules for the names users choose: region ids, stream and mesh names, Kafka topic names. */
final class NameRules {

    static final String ID_RULE = "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit";
    static final int MAX_TOPIC_LENGTH = 249;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");

    private NameRules() {
    }

    static boolean isId(String name) {
        return name != null && ID.matcher(name).matches();
    }

    /**
     * Checks a name that identifies an entity (region id, stream name, mesh name).
     * {@code kind} reads like "region id"; returns whether the name is usable.
     */
    static boolean checkId(Problems p, String field, String kind, String name) {
        if (name == null || name.isBlank()) {
            p.add(field, kind + " is required and must not be empty");
            return false;
        }
        return p.require(isId(name), field, kind + " '" + name + "' is not valid: " + ID_RULE);
    }

    /** Why Kafka would refuse {@code topic}, or empty when it is a legal topic name. */
    static Optional<String> topicProblem(String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.of("a topic name must not be empty");
        }
        if (topic.equals(".") || topic.equals("..")) {
            return Optional.of("'" + topic + "' is not allowed as a topic name");
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            return Optional.of("topic names are at most " + MAX_TOPIC_LENGTH + " characters, this one has " + topic.length());
        }
        if (!TOPIC.matcher(topic).matches()) {
            return Optional.of("topic names may only contain ASCII letters, digits, '.', '_' and '-'");
        }
        return Optional.empty();
    }

    /** Whether every character of {@code text} may appear in a topic name; true for the empty string. */
    static boolean hasOnlyTopicChars(String text) {
        return text.isEmpty() || TOPIC.matcher(text).matches();
    }

    /**
     * Kafka maps '.' to '_' in metric names, so {@code a.b} and {@code a_b} collide inside one
     * cluster; comparing this key finds such clashes as well as exact ones.
     */
    static String collisionKey(String topic) {
        return topic.replace('.', '_');
    }
}
