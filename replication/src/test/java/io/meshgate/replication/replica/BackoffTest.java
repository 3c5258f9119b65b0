package io.meshgate.replication.replica;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.config.LinkSettings;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reconnect delays: doubling from the initial delay up to the max, jittered down by at most half. */
class BackoffTest {

    private static final int SAMPLES = 200;
    private static final LinkSettings DEFAULTS = LinkSettings.defaults();

    private static LinkSettings backoff(Duration initial, Duration max) {
        LinkSettings d = LinkSettings.defaults();
        return new LinkSettings(d.replicaTopicPattern(), d.maxBatchRecords(), d.maxBatchBytes(), d.heartbeatInterval(),
                initial, max, d.idleTimeout());
    }

    private static void assertDelaysWithin(LinkSettings settings, int attempt, long low, long high) {
        for (int i = 0; i < SAMPLES; i++) {
            long delay = Backoff.delayMillis(settings, attempt);
            assertTrue(delay >= low && delay <= high, "attempt " + attempt + ": " + delay + " not in [" + low + ", " + high + "]");
        }
    }

    @Test
    void everyDelayIsBetweenHalfTheInitialAndTheMax() {
        long initial = DEFAULTS.reconnectBackoffInitial().toMillis();
        long max = DEFAULTS.reconnectBackoffMax().toMillis();
        for (int attempt = 1; attempt <= 40; attempt++) {
            assertDelaysWithin(DEFAULTS, attempt, initial / 2, max);
        }
    }

    @Test
    void eachAttemptIsWithinHalfToAllOfTheDoubledDelay() {
        // Defaults: 200 ms doubling to 10 s.
        assertDelaysWithin(DEFAULTS, 1, 100, 200);
        assertDelaysWithin(DEFAULTS, 2, 200, 400);
        assertDelaysWithin(DEFAULTS, 3, 400, 800);
        assertDelaysWithin(DEFAULTS, 6, 3_200, 6_400);
        assertDelaysWithin(DEFAULTS, 7, 5_000, 10_000);
    }

    @Test
    void delaysGrowWithAttemptsUntilTheMax() {
        // The jitter window of attempt n+1 starts where the window of attempt n ends, so any sample of a later
        // attempt is at least any sample of an earlier one.
        long previousHighest = 0;
        for (int attempt = 1; attempt <= 12; attempt++) {
            long lowest = Long.MAX_VALUE;
            long highest = 0;
            for (int i = 0; i < SAMPLES; i++) {
                long delay = Backoff.delayMillis(DEFAULTS, attempt);
                lowest = Math.min(lowest, delay);
                highest = Math.max(highest, delay);
            }
            assertTrue(lowest >= Math.min(previousHighest, DEFAULTS.reconnectBackoffMax().toMillis() / 2),
                    "attempt " + attempt + " went as low as " + lowest + " after " + previousHighest);
            previousHighest = highest;
        }
    }

    @Test
    void hugeAttemptNumbersStayAtTheMaxWithoutOverflow() {
        assertDelaysWithin(DEFAULTS, 1_000, 5_000, 10_000);
        assertDelaysWithin(DEFAULTS, Integer.MAX_VALUE, 5_000, 10_000);
    }

    @Test
    void largeInitialDelayDoesNotOverflowWhenDoubled() {
        Duration year = Duration.ofDays(365);
        assertDelaysWithin(backoff(year, year), 1_000, year.toMillis() / 2, year.toMillis());
    }

    @Test
    void attemptZeroOrNegativeIsTreatedAsTheFirst() {
        assertDelaysWithin(DEFAULTS, 0, 100, 200);
        assertDelaysWithin(DEFAULTS, -5, 100, 200);
    }

    @Test
    void initialEqualToMaxGivesAFlatJitteredDelay() {
        LinkSettings flat = backoff(Duration.ofSeconds(1), Duration.ofSeconds(1));
        for (int attempt = 1; attempt <= 30; attempt++) {
            assertDelaysWithin(flat, attempt, 500, 1_000);
        }
    }
}
