package io.meshgate.localkafka;

import io.meshgate.localkafka.LocalKafkaBroker.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a {@link Settings} must meet, applied by its constructor so that invalid settings never exist: a
 * mistake shows where the settings are written, not seconds later as a broker that does not start. Every error
 * names the broker and the field and says what would be valid.
 */
final class SettingsValidation {

    // The name goes onto the broker's command line, into client ids and into log lines: nothing to quote there.
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MIN_INITIAL_HEAP_MB = 16;

    private SettingsValidation() {
    }

    /** Checks the name; returns the prefix of every later error, which names the broker. */
    static String name(String name) {
        if (name == null || !NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException("local-kafka settings: name '" + name
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return "local-kafka settings '" + name + "': ";
    }

    /** The data dir, absolute and normalized. */
    static Path dataDir(String what, Path dataDir) {
        if (dataDir == null) {
            throw new IllegalArgumentException(what + "dataDir is required");
        }
        return dataDir.toAbsolutePath().normalize();
    }

    static void host(String what, String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(what + "host must not be blank");
        }
    }

    static void ports(String what, int port, int controllerPort) {
        requirePort(what, "port", port);
        requirePort(what, "controllerPort", controllerPort);
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException(what + "port and controllerPort are both " + port
                    + "; they must differ");
        }
    }

    static void heap(String what, int heapMb, int initialHeapMb) {
        if (heapMb < Settings.MIN_HEAP_MB || heapMb > Settings.MAX_HEAP_MB) {
            throw new IllegalArgumentException(what + "heapMb is " + heapMb + ", must be between "
                    + Settings.MIN_HEAP_MB + " and " + Settings.MAX_HEAP_MB);
        }
        if (initialHeapMb < MIN_INITIAL_HEAP_MB || initialHeapMb > heapMb) {
            throw new IllegalArgumentException(what + "initialHeapMb is " + initialHeapMb + ", must be between "
                    + MIN_INITIAL_HEAP_MB + " and heapMb (" + heapMb + ")");
        }
    }

    /** An immutable copy of the extra properties, none of which may set what the launcher derives. */
    static Map<String, String> extraBrokerProperties(String what, Map<String, String> properties) {
        if (properties == null) {
            throw new IllegalArgumentException(what + "extraBrokerProperties must not be null (use Map.of())");
        }
        properties.forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null) {
                throw new IllegalArgumentException(what + "extraBrokerProperties has a blank key or a null value: "
                        + key + "=" + value);
            }
            if (ServerProperties.MANAGED_KEYS.contains(key)) {
                throw new IllegalArgumentException(what + "extraBrokerProperties must not set '" + key
                        + "': it is derived from dataDir, host, port and controllerPort");
            }
        });
        return Map.copyOf(properties);
    }

    static void startTimeout(String what, Duration startTimeout) {
        if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException(what + "startTimeout must be positive, was " + startTimeout);
        }
    }

    private static void requirePort(String what, String field, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(what + field + " is " + value + ", must be 0 (pick a free one) to 65535");
        }
    }
}
