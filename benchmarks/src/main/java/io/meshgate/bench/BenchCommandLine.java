package io.meshgate.bench;

import io.meshgate.config.Suggestions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parsed arguments of one benchmark: {@code --name value} or {@code --name=value} options and bare
 * {@code --flag}s, each from a fixed set. Anything else is a {@link UsageException} naming the mistake.
 *
 * <p>The same rules and messages as the gateway's CLI parser; a copy rather than a shared class because
 * benchmarks also take value-less flags (such as {@code --skip-mm2}), which the gateway's commands never need.
 */
final class BenchCommandLine {

    private final String command;
    private final Map<String, String> options;
    private final Set<String> flags;

    private BenchCommandLine(String command, Map<String, String> options, Set<String> flags) {
        this.command = command;
        this.options = options;
        this.flags = flags;
    }

    /** Parses {@code args}: {@code valued} options take a value, {@code flags} take none. */
    static BenchCommandLine parse(String command, List<String> args, Set<String> valued, Set<String> flags) {
        Set<String> allowed = new TreeSet<>(valued);
        allowed.addAll(flags);
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> seenFlags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("'" + command + "' takes only options, got '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (!allowed.contains(name)) {
                String hint = Suggestions.closest(name, allowed).map(s -> " (did you mean '--" + s + "'?)").orElse("");
                throw new UsageException("unknown option '--" + name + "' for '" + command + "'" + hint
                        + "; options: --" + String.join(", --", allowed));
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("option '--" + name + "' of '" + command + "' takes no value, got '" + value + "'");
                }
                if (!seenFlags.add(name)) {
                    throw new UsageException("option '--" + name + "' given twice");
                }
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("option '--" + name + "' of '" + command + "' needs a value");
                }
                value = args.get(++i);
            }
            if (options.put(name, value) != null) {
                throw new UsageException("option '--" + name + "' given twice");
            }
        }
        return new BenchCommandLine(command, Collections.unmodifiableMap(options), Set.copyOf(seenFlags));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String optional(String name, String fallback) {
        String value = options.getOrDefault(name, fallback);
        if (value != null && value.isBlank()) {
            throw new UsageException("option '--" + name + "' of '" + command + "' needs a non-empty value");
        }
        return value;
    }

    /** A whole number in {@code [min, max]}; {@code _} may group digits, as in {@code 1_000_000}. */
    int optionalInt(String name, int fallback, int min, int max) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.replace("_", ""));
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("option '--" + name + "' needs a whole number from " + min + " to " + max
                    + ", got '" + value + "'");
        }
    }

    /** The arguments as given, for printing the command that produced a result. */
    static String quote(List<String> args) {
        List<String> quoted = new ArrayList<>();
        for (String arg : args) {
            quoted.add(arg.matches("[A-Za-z0-9_./=:@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
