package io.meshgate.replication.replica;

import io.meshgate.config.LinkSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redials: quick while a peer that was never reached refuses connections, the usual backoff otherwise. */
class RedialTest {

    private static final LinkSettings DEFAULTS = LinkSettings.defaults();  // 200 ms doubling to 10 s

    private static void assertWithin(long delay, long low, long high, String what) {
        assertTrue(delay >= low && delay <= high, what + ": " + delay + " not in [" + low + ", " + high + "]");
    }

    @Test
    void aPeerNotListeningYetIsRetriedAtTheInitialDelayThenWithTheUsualBackoff() {
        Redial redial = new Redial(DEFAULTS);
        for (int i = 1; i <= Redial.QUICK_RETRIES; i++) {
            assertWithin(redial.delayAfterFailure(true), 100, 200, "quick retry " + i);
        }
        assertWithin(redial.delayAfterFailure(true), 100, 200, "first backoff step");
        assertWithin(redial.delayAfterFailure(true), 200, 400, "second backoff step");
        assertWithin(redial.delayAfterFailure(true), 400, 800, "third backoff step");
    }

    @Test
    void otherFailuresBackOffAtOnce() {
        Redial redial = new Redial(DEFAULTS);
        assertWithin(redial.delayAfterFailure(false), 100, 200, "attempt 1");
        assertWithin(redial.delayAfterFailure(false), 200, 400, "attempt 2");
        assertWithin(redial.delayAfterFailure(false), 400, 800, "attempt 3");
    }

    @Test
    void onceTheLinkWasUpRefusalsBackOffAsUsual() {
        Redial redial = new Redial(DEFAULTS);
        redial.connected();
        assertWithin(redial.delayAfterFailure(true), 100, 200, "attempt 1");
        assertWithin(redial.delayAfterFailure(true), 200, 400, "attempt 2");
        redial.connected();
        assertWithin(redial.delayAfterFailure(true), 100, 200, "after reconnecting, attempt 1 again");
    }

    @Test
    void quickRetriesKeepToTheConfiguredInitialDelay() {
        LinkSettings slow = new LinkSettings(DEFAULTS.replicaTopicPattern(), DEFAULTS.maxBatchRecords(),
                DEFAULTS.maxBatchBytes(), DEFAULTS.heartbeatInterval(), java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(30), DEFAULTS.idleTimeout());
        Redial redial = new Redial(slow);
        assertWithin(redial.delayAfterFailure(true), 1_000, 2_000, "quick retry with a 2 s initial delay");
    }
}
