package io.meshgate.gateway.cli;

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
 * Parsed arguments of one command: {@code --name value} or {@code --name=value} options and bare {@code --flag}s,
 * each from a fixed set, plus positional arguments. Anything else is a {@link UsageException} naming the mistake,
 * with a suggestion for a near miss. Shared by every meshgate command line (gateway and benchmarks).
 */
public final class CommandLine {

    private final String command;
    private final Map<String, String> options;
    private final Set<String> flags;
    private final List<String> positional;

    private CommandLine(String command, Map<String, String> options, Set<String> flags, List<String> positional) {
        this.command = command;
        this.options = options;
        this.flags = flags;
        this.positional = positional;
    }

    /** Parses {@code args}; {@code allowed} lists the option names this command takes, all with values. */
    public static CommandLine parse(String command, List<String> args, Set<String> allowed) {
        return parse(command, args, allowed, Set.of());
    }

    /** Parses {@code args}: {@code valued} options take a value, {@code flagNames} take none. */
    public static CommandLine parse(String command, List<String> args, Set<String> valued, Set<String> flagNames) {
        Set<String> allowed = new TreeSet<>(valued);
        allowed.addAll(flagNames);
        Set<String> flags = new HashSet<>();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
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
                        + "; options: " + (allowed.isEmpty() ? "none" : "--" + String.join(", --", allowed)));
            }
            if (flagNames.contains(name)) {
                if (value != null) {
                    throw new UsageException("option '--" + name + "' of '" + command + "' takes no value, got '" + value + "'");
                }
                if (!flags.add(name)) {
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
        return new CommandLine(command, Collections.unmodifiableMap(options), Set.copyOf(flags), List.copyOf(positional));
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public String required(String name, String example) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException("'" + command + "' needs --" + name + " (for example --" + name + " " + example + ")");
        }
        return value;
    }

    public String optional(String name, String fallback) {
        String value = options.getOrDefault(name, fallback);
        if (value != null && value.isBlank()) {
            throw new UsageException("option '--" + name + "' of '" + command + "' needs a non-empty value");
        }
        return value;
    }

    /** A whole number in {@code [min, max]}; {@code _} may group digits, as in {@code 1_000_000}. */
    public int optionalInt(String name, int fallback, int min, int max) {
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
            throw new UsageException("option '--" + name + "' needs a whole number from " + min + " to " + max + ", got '" + value + "'");
        }
    }

    public List<String> positional(int expected, String what) {
        if (positional.size() != expected) {
            throw new UsageException("'" + command + "' takes " + what + (positional.isEmpty() ? ", none given"
                    : ", got: " + String.join(" ", positional)));
        }
        return positional;
    }

    public void noPositional() {
        if (!positional.isEmpty()) {
            throw new UsageException("'" + command + "' takes no arguments besides options, got: " + String.join(" ", positional));
        }
    }
}
