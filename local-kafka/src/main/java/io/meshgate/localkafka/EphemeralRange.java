package io.meshgate.localkafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the kernel's ephemeral port range starts: the ports it gives outgoing connections and binds to port 0. */
final class EphemeralRange {

    private static final Path LINUX_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default start; other systems start higher (49152). */
    static final int DEFAULT_LOWEST = 32_768;

    private EphemeralRange() {
    }

    static int lowestPort() {
        return parse(read());
    }

    /** The first number of "low high", or the default when the text is missing or not that. */
    static int parse(String range) {
        if (range == null) {
            return DEFAULT_LOWEST;
        }
        String[] bounds = range.trim().split("\\s+");
        try {
            int lowest = Integer.parseInt(bounds[0]);
            return lowest > 0 && lowest < 65_536 ? lowest : DEFAULT_LOWEST;
        } catch (NumberFormatException e) {
            return DEFAULT_LOWEST;
        }
    }

    private static String read() {
        if (!Files.isReadable(LINUX_RANGE)) {
            return null;
        }
        // A line reader, not Files.readString: /proc files report size 0, and a read sized by that can stop short.
        try (BufferedReader reader = Files.newBufferedReader(LINUX_RANGE)) {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
