package io.meshgate.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreditWindowTest {

    @Test
    void creditComesBackInBatchesOfHalfTheWindow() {
        CreditWindow window = new CreditWindow(10);
        assertEquals(10, window.initial());
        for (int i = 0; i < 10; i++) {
            assertTrue(window.received());
        }
        assertFalse(window.received(), "an 11th event was never granted");
        int[] grants = new int[10];
        for (int i = 0; i < 10; i++) {
            grants[i] = window.consumed();
        }
        assertEquals("[0, 0, 0, 0, 5, 0, 0, 0, 0, 5]", java.util.Arrays.toString(grants));
    }

    @Test
    void outstandingNeverExceedsTheWindowHoweverEventsInterleave() {
        CreditWindow window = new CreditWindow(7);
        java.util.Random random = new java.util.Random(42);
        long received = 0;
        long consumed = 0;
        long granted = window.initial();
        for (int step = 0; step < 10_000; step++) {
            if (received < granted && (received == consumed || random.nextBoolean())) {
                window.received();
                received++;
            } else if (consumed < received) {
                granted += window.consumed();
                consumed++;
            }
            assertTrue(window.outstanding() <= 7, "outstanding " + window.outstanding() + " at step " + step);
            assertEquals(granted - consumed, window.outstanding());
        }
        assertTrue(consumed >= 4_000, "credit kept flowing: " + consumed);
    }

    @Test
    void aWindowOfOneGrantsOneAtATime() {
        CreditWindow window = new CreditWindow(1);
        window.received();
        assertEquals(1, window.consumed());
    }
}
