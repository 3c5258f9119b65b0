package io.meshgate.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The size notation of the YAML file: {@code 512KiB}, {@code 32MiB}, {@code 1GiB}, or a plain number of bytes. */
final class Sizes {

    static final String FORMAT_HINT = "a size like 512KiB, 32MiB or 1GiB, or a whole number of bytes";

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    private static final Map<String, Long> UNITS = Map.of("", 1L, "B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30);

    private Sizes() {
    }

    /** Parses the notation; throws IllegalArgumentException with a reason a user can act on. */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + FORMAT_HINT);
        }
        String unit = m.group(2);
        Long factor = UNITS.get(unit);
        if (factor == null) {
            throw new IllegalArgumentException("'" + text + "' has unknown unit '" + unit + "'" + binaryUnitFor(m.group(1), unit)
                    + "; write " + FORMAT_HINT);
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /**
     * Sizes are in powers of 1024, and saying so is the fix for the usual slips ({@code 32MB}, {@code 32M},
     * {@code 32mib}): guessing 10^6 or 2^20 silently would leave the user with a bound they did not mean.
     */
    private static String binaryUnitFor(String amount, String unit) {
        String prefix = unit.substring(0, 1).toUpperCase(Locale.ROOT);
        String rest = unit.substring(1).toLowerCase(Locale.ROOT);
        if ("KMG".contains(prefix) && (rest.isEmpty() || rest.equals("b") || rest.equals("ib"))) {
            return " (did you mean " + amount + prefix + "iB? units are powers of 1024)";
        }
        return "";
    }
}
