package io.meshgate.chaos.proxy;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Random;
import org.awaitility.core.ConditionFactory;

/** Shared waiting and data helpers for the proxy tests. */
final class ProxyTestSupport {

    private ProxyTestSupport() {
    }

    /** Awaitility with a short poll interval: these tests wait for local sockets, not brokers. */
    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
    }

    /** For "nothing happens" checks: the condition must hold for the whole window. */
    static ConditionFactory throughout(Duration window) {
        return await().during(window).atMost(window.plusSeconds(1)).pollInterval(Duration.ofMillis(20));
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
