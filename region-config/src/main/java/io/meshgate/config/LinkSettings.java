package io.meshgate.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How links between gateways behave: replica topic naming, batching, heartbeats and reconnects.
 *
 * @param replicaTopicPattern     name of a replica topic; must contain {@code {origin}} and {@code {topic}}
 * @param maxBatchRecords         most records in one frame, 1..100000
 * @param maxBatchBytes           most payload bytes in one frame, 1 KiB..64 MiB
 * @param heartbeatInterval       how often an idle link sends a heartbeat
 * @param reconnectBackoffInitial first wait before reconnecting a lost link
 * @param reconnectBackoffMax     longest wait between reconnect attempts
 * @param idleTimeout             a link silent for this long is considered dead; longer than the heartbeat interval
 */
public record LinkSettings(String replicaTopicPattern, int maxBatchRecords, int maxBatchBytes, Duration heartbeatInterval,
                           Duration reconnectBackoffInitial, Duration reconnectBackoffMax, Duration idleTimeout) {

    public static final String ORIGIN_PLACEHOLDER = "{origin}";
    public static final String TOPIC_PLACEHOLDER = "{topic}";
    public static final int MIN_BATCH_RECORDS = 1;
    public static final int MAX_BATCH_RECORDS = 100_000;
    public static final int MIN_BATCH_BYTES = 1024;
    public static final int MAX_BATCH_BYTES = 64 * 1024 * 1024;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}?");

    // 256 KiB frames: large enough to amortise per-frame costs, small enough to stay out of G1's humongous
    // allocations on small gateway heaps (measured by the replication benchmark).
    private static final LinkSettings DEFAULTS = new LinkSettings(ORIGIN_PLACEHOLDER + "." + TOPIC_PLACEHOLDER, 500, 256 * 1024,
            Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(15));

    public LinkSettings {
        Problems p = new Problems();
        checkPattern(p, replicaTopicPattern);
        checkRange(p, Fields.MAX_BATCH_RECORDS, maxBatchRecords, MIN_BATCH_RECORDS, MAX_BATCH_RECORDS, "");
        checkRange(p, Fields.MAX_BATCH_BYTES, maxBatchBytes, MIN_BATCH_BYTES, MAX_BATCH_BYTES, " (1 KiB..64 MiB)");
        boolean heartbeatOk = checkPositive(p, Fields.HEARTBEAT_INTERVAL, heartbeatInterval);
        boolean initialOk = checkPositive(p, Fields.RECONNECT_BACKOFF_INITIAL, reconnectBackoffInitial);
        boolean maxOk = checkPositive(p, Fields.RECONNECT_BACKOFF_MAX, reconnectBackoffMax);
        boolean idleOk = checkPositive(p, Fields.IDLE_TIMEOUT, idleTimeout);
        if (initialOk && maxOk) {
            p.require(reconnectBackoffInitial.compareTo(reconnectBackoffMax) <= 0, Fields.link(Fields.RECONNECT_BACKOFF_INITIAL),
                    "reconnect-backoff-initial (" + Durations.format(reconnectBackoffInitial)
                            + ") must not exceed reconnect-backoff-max (" + Durations.format(reconnectBackoffMax) + ")");
        }
        if (heartbeatOk && idleOk) {
            // At or below one heartbeat interval, a healthy idle link would be declared dead between beats.
            p.require(idleTimeout.compareTo(heartbeatInterval) > 0, Fields.link(Fields.IDLE_TIMEOUT),
                    "idle-timeout (" + Durations.format(idleTimeout) + ") must be longer than heartbeat-interval ("
                            + Durations.format(heartbeatInterval) + "); a few heartbeat intervals is typical");
        }
        p.throwIfAny();
    }

    /** The defaults used for every setting the file leaves out. */
    public static LinkSettings defaults() {
        return DEFAULTS;
    }

    /** The replica topic name for {@code origin}'s writes to {@code topic}. */
    public String replicaTopic(String origin, String topic) {
        return replicaTopicPattern.replace(ORIGIN_PLACEHOLDER, origin).replace(TOPIC_PLACEHOLDER, topic);
    }

    private static void checkPattern(Problems p, String pattern) {
        String field = Fields.link(Fields.REPLICA_TOPIC);
        if (!p.require(pattern != null && !pattern.isBlank(), field,
                "replica-topic is required, like " + ORIGIN_PLACEHOLDER + "." + TOPIC_PLACEHOLDER)) {
            return;
        }
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        while (placeholder.find()) {
            String found = placeholder.group();
            if (!found.equals(ORIGIN_PLACEHOLDER) && !found.equals(TOPIC_PLACEHOLDER)) {
                p.add(field, "replica-topic '" + pattern + "' has unknown placeholder '" + found + "' "
                        + Suggestions.hint(found, List.of(ORIGIN_PLACEHOLDER, TOPIC_PLACEHOLDER), "supported"));
                return;
            }
        }
        if (!p.require(pattern.contains(ORIGIN_PLACEHOLDER) && pattern.contains(TOPIC_PLACEHOLDER), field,
                "replica-topic '" + pattern + "' must contain both " + ORIGIN_PLACEHOLDER + " and " + TOPIC_PLACEHOLDER
                        + ", so that each origin's replica gets its own topic, like " + ORIGIN_PLACEHOLDER + "." + TOPIC_PLACEHOLDER)) {
            return;
        }
        p.require(NameRules.hasOnlyTopicChars(pattern.replace(ORIGIN_PLACEHOLDER, "").replace(TOPIC_PLACEHOLDER, "")), field,
                "replica-topic '" + pattern + "' would not give legal topic names: "
                        + "outside the placeholders, use only ASCII letters, digits, '.', '_' and '-'");
    }

    private static void checkRange(Problems p, String key, int value, int min, int max, String note) {
        p.require(value >= min && value <= max, Fields.link(key),
                "" + key + " is " + value + " but must be between " + min + " and " + max + note);
    }

    private static boolean checkPositive(Problems p, String key, Duration value) {
        if (value == null) {
            p.add(Fields.link(key), "" + key + " is required, " + Durations.FORMAT_HINT);
            return false;
        }
        return p.require(!value.isNegative() && !value.isZero(), Fields.link(key),
                "" + key + " must be positive, got " + Durations.format(value));
    }
}
