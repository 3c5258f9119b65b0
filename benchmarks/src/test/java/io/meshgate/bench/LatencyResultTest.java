package io.meshgate.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LatencyResultTest {

    @Test
    void nearestRankPercentiles() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertEquals(50, LatencyResult.percentile(oneToHundred, 50));
        assertEquals(99, LatencyResult.percentile(oneToHundred, 99));
        assertEquals(7, LatencyResult.percentile(new long[] {7}, 99));
    }

    @Test
    void summarizesWhatArrived() {
        LatencyResult result = LatencyResult.of("x", 4, new long[] {1, 2, 3});
        assertEquals(3, result.received());
        assertEquals(3, result.maxNanos());
        assertFalse(result.complete());
    }
}
