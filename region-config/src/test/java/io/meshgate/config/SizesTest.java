package io.meshgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void parsesBinaryUnitsAndPlainBytes() {
        assertEquals(1536, Sizes.parse("1536"));
        assertEquals(1536, Sizes.parse("1536B"));
        assertEquals(512 * 1024, Sizes.parse("512KiB"));
        assertEquals(32L * 1024 * 1024, Sizes.parse("32MiB"));
        assertEquals(1L << 30, Sizes.parse("1GiB"));
        assertEquals(2L << 20, Sizes.parse(" 2 MiB "));
    }

    @Test
    void rejectsOtherNotations() {
        for (String text : new String[] {"1.5MiB", "-1", "MiB", "", "32 MiB extra", "0x10"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(text), text);
            assertTrue(e.getMessage().contains("a size like 512KiB, 32MiB or 1GiB"), e.getMessage());
        }
    }

    @Test
    void decimalAndLowercaseUnitsPointAtTheBinaryOne() {
        for (String text : new String[] {"32MB", "32M", "32mib", "32mb"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(text), text);
            assertTrue(e.getMessage().contains("(did you mean 32MiB? units are powers of 1024)"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sizes.parse("8kb")).getMessage().contains("did you mean 8KiB?"));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> Sizes.parse("3TiB"));
        assertEquals("'3TiB' has unknown unit 'TiB'; write a size like 512KiB, 32MiB or 1GiB, or a whole number of bytes",
                other.getMessage());
    }

    @Test
    void tooLargeIsSaidSo() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sizes.parse("99999999999999999999"))
                .getMessage().contains("too large"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sizes.parse("9999999999999GiB"))
                .getMessage().contains("too large"));
    }
}
