package io.meshgate.bench;

import org.apache.kafka.common.utils.AppInfoParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine a result was measured on: numbers from another machine are not comparable without it. */
record MachineInfo(int cores, String cpuModel, long memoryMb, String os, String jdk, String kafkaVersion) {

    static MachineInfo current() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                procValue("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                procValue("/proc/meminfo", "MemTotal").map(MachineInfo::kilobytesToMb).orElse(-1L),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                AppInfoParser.getVersion());
    }

    String describe() {
        return cores + " cores (" + cpuModel + "), " + (memoryMb < 0 ? "memory unknown" : memoryMb / 1024 + " GiB RAM")
                + ", " + os + "; " + jdk + "; Apache Kafka " + kafkaVersion;
    }

    /** The value of the first {@code key: value} line of a Linux /proc file, if there is one. */
    private static Optional<String> procValue(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long kilobytesToMb(String value) {
        try {
            return Long.parseLong(value.replace("kB", "").trim()) / 1024;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
