package io.meshgate.observability;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * An SLF4J {@link Logger} that records what is logged, built as a dynamic proxy so the tests need no logging
 * backend. Only the levels named at construction are enabled.
 */
final class RecordingLogger {

    /** One logging call: level (method name), message, and the throwable if one was passed. */
    record Entry(String level, String message, Throwable throwable) {
    }

    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
    private final Logger logger;

    RecordingLogger(Set<String> enabledLevels) {
        this.logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (name) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "RecordingLogger" + enabledLevels;
                        };
                    }
                    if (name.startsWith("is") && name.endsWith("Enabled")) {
                        String level = name.substring(2, name.length() - "Enabled".length()).toLowerCase();
                        return enabledLevels.contains(level);
                    }
                    if (name.equals("getName")) {
                        return "recording";
                    }
                    if (args != null && args.length >= 1 && args[0] instanceof String message) {
                        Throwable throwable = args.length == 2 && args[1] instanceof Throwable t ? t : null;
                        entries.add(new Entry(name, message, throwable));
                        return null;
                    }
                    throw new UnsupportedOperationException("not recorded: " + method);
                });
    }

    Logger logger() {
        return logger;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }
}
