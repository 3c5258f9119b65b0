package io.meshgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesEachUnitAndPlainMilliseconds() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(1), Durations.parse("1s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1500"));
        assertEquals(Duration.ofSeconds(3), Durations.parse(" 3 s "));
    }

    @Test
    void rejectsOtherNotations() {
        for (String text : new String[] {"1.5s", "-1s", "1 sec", "PT1S", "", "s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text), text);
            assertTrue(e.getMessage().contains("is not a duration like 250ms"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999999999h"))
                .getMessage().contains("too large"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("9999999999999999h"))
                .getMessage().contains("too large"));
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("15s", Durations.format(Duration.ofSeconds(15)));
        assertEquals("2m", Durations.format(Duration.ofSeconds(120)));
        assertEquals("1h", Durations.format(Duration.ofMinutes(60)));
        assertEquals("0ms", Durations.format(Duration.ZERO));
    }
}
