package io.meshgate.gateway.subscribe;

import io.meshgate.config.SubscriptionSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriberLimitsTest {

    private static final SubscriptionSettings THREE_TWO_EACH = new SubscriptionSettings(3, 2, 1024, 10,
            Duration.ofSeconds(5), 1_000, 1L << 20);

    @Test
    void aClientGetsItsShareAndTheGatewayItsTotalThenSlotsComeBack() {
        SubscriberAdmission admission = new SubscriberAdmission(() -> THREE_TWO_EACH);
        assertNull(admission.admit("user:alice"));
        assertNull(admission.admit("user:alice"));
        String refusal = admission.admit("user:alice");
        assertTrue(refusal.contains("max-per-client"), refusal);
        assertNull(admission.admit("user:bob"));
        String full = admission.admit("user:carol");
        assertTrue(full.contains("max-subscriptions"), full);
        assertEquals(3, admission.open());

        admission.release("user:alice");
        assertNull(admission.admit("user:carol"), "a released slot is free again");
        assertEquals(3, admission.open());
    }

    @Test
    void messagesBeyondTheRateAreRefusedAndTheBucketRefillsWithTime() {
        MessageRate rate = new MessageRate(10);
        long now = 1_000_000_000L;
        for (int i = 0; i < 10; i++) {
            assertTrue(rate.tryAcquire(now), "a burst of one second's worth is fine");
        }
        assertFalse(rate.tryAcquire(now));
        assertFalse(rate.tryAcquire(now + 50_000_000L), "half a message's worth of time later");
        assertTrue(rate.tryAcquire(now + 100_000_000L), "a tenth of a second later, one more");
        assertFalse(rate.tryAcquire(now + 100_000_000L));
    }
}
