package io.meshgate.bench;

/** Checks shared by the benchmarks' settings records: a bad number fails before any broker starts. */
final class SettingsChecks {

    private SettingsChecks() {
    }

    static void requireRange(String benchmark, String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(benchmark + " benchmark: " + field + " is " + value
                    + ", must be from " + min + " to " + max);
        }
    }

    static java.nio.file.Path requireOut(String benchmark, java.nio.file.Path out) {
        if (out == null) {
            throw new IllegalArgumentException(benchmark + " benchmark: out must not be null");
        }
        return out.toAbsolutePath().normalize();
    }
}
