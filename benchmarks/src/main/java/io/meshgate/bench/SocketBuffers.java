package io.meshgate.bench;

import org.apache.kafka.clients.CommonClientConfigs;

import java.util.HashMap;
import java.util.Map;

/**
 * The socket buffers of the benchmark's own Kafka clients: the operating system's, as meshgate's gateways and the
 * benchmark brokers use. With Kafka's fixed 32-128 KiB, loopback's 64 KiB packets overflow them, the kernel drops
 * what does not fit and TCP resends it only after a ~200 ms loss probe: the instruments would stall, not the system.
 */
final class SocketBuffers {

    private SocketBuffers() {
    }

    /** {@code config} with both socket buffers set to the operating system's ({@code -1}). */
    static Map<String, Object> osSized(Map<String, Object> config) {
        Map<String, Object> sized = new HashMap<>(config);
        sized.put(CommonClientConfigs.RECEIVE_BUFFER_CONFIG, -1);
        sized.put(CommonClientConfigs.SEND_BUFFER_CONFIG, -1);
        return Map.copyOf(sized);
    }
}
