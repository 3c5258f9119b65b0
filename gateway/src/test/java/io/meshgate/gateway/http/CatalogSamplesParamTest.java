package io.meshgate.gateway.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CatalogSamplesParamTest {

    @Test
    void defaultAndRange() {
        assertEquals(StreamCatalogHandler.DEFAULT_SAMPLES, StreamCatalogHandler.samples(null));
        assertEquals(0, StreamCatalogHandler.samples("0"));
        assertEquals(20, StreamCatalogHandler.samples("20"));
        assertEquals(7, StreamCatalogHandler.samples("07"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"21", "-1", "abc", "", "5.0", "999", "+3", " 5"}) {
            assertNull(StreamCatalogHandler.samples(bad), bad);
        }
    }
}
