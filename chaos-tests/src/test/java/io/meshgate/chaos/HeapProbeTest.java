package io.meshgate.chaos;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeapProbeTest {

    @Test
    void readsTheTotalLineOfAClassHistogram() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         40312        3521096  [B (java.base@17.0.15)
                   2:          8011         192264  java.lang.String (java.base@17.0.15)
                Total        131072       14556368
                """;
        assertEquals(OptionalLong.of(14_556_368), HeapProbe.totalBytes(histogram));
    }

    @Test
    void anythingElseIsNoAnswer() {
        assertEquals(OptionalLong.empty(), HeapProbe.totalBytes("12345:\ncom.sun.tools.attach.AttachNotSupportedException: x\n"));
        assertEquals(OptionalLong.empty(), HeapProbe.totalBytes("Total many lots\n"));
    }
}
