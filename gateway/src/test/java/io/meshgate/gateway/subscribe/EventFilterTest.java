package io.meshgate.gateway.subscribe;

import io.meshgate.gateway.filter.FilterException;
import io.meshgate.replication.subscribe.StreamEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFilterTest {

    private static StreamEvent event(String key, String value, String... headers) {
        List<StreamEvent.Header> list = new java.util.ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            list.add(new StreamEvent.Header(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return new StreamEvent("orders", "eu-west", 0, 1, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), list, "c1.x");
    }

    @Test
    void fieldConditionsJoinedByAnd() {
        EventFilter filter = EventFilter.parse(null, Map.of(), "tier == \"PLATINUM\" and amount > 100", null);
        assertTrue(filter.test(event("o-1", "{\"tier\":\"PLATINUM\",\"amount\":120.5}")));
        assertFalse(filter.test(event("o-2", "{\"tier\":\"PLATINUM\",\"amount\":99}")));
        assertFalse(filter.test(event("o-3", "{\"tier\":\"GOLD\",\"amount\":500}")));
        assertFalse(filter.test(event("o-4", "not json")), "a value that is not JSON never matches a field condition");
        assertFalse(filter.test(event("o-5", null)), "nor does a tombstone");
    }

    @Test
    void nestedFieldsNumbersBooleansAndNull() {
        assertTrue(EventFilter.parse(null, Map.of(), "customer.tier != \"SILVER\"", null).test(event("k", "{\"customer\":{\"tier\":\"GOLD\"}}")));
        assertTrue(EventFilter.parse(null, Map.of(), "paid == true and note == null", null).test(event("k", "{\"paid\":true}")));
        assertTrue(EventFilter.parse(null, Map.of(), "n >= 3 and n <= 3.0", null).test(event("k", "{\"n\":3}")));
    }

    @Test
    void keyAndHeaderFilters() {
        EventFilter filter = EventFilter.parse("o-1", Map.of("source", "web"), null, null);
        assertTrue(filter.test(event("o-1", "x", "source", "web")));
        assertFalse(filter.test(event("o-1", "x", "source", "app")));
        assertFalse(filter.test(event("o-2", "x", "source", "web")));
    }

    @Test
    void projectionKeepsTheNamedFields() {
        EventFilter filter = EventFilter.parse(null, Map.of(), null, "orderId, customer.tier");
        Object projected = filter.project(new JsonObject("{\"orderId\":\"o-1\",\"amount\":5,\"customer\":{\"tier\":\"GOLD\"}}"));
        assertEquals(new JsonObject().put("orderId", "o-1").put("customer.tier", "GOLD"), projected);
    }

    @Test
    void mistakesPointAtWhereTheyAre() {
        assertMessage("amount >> 5", "expected a value: a \"quoted string\", a number, true, false or null at position 9");
        assertMessage("tier = \"x\"", "expected an operator: ==, !=, <, <=, > or >= at position 6");
        assertMessage("amount > \"x\"", "'>' compares numbers");
        assertMessage("tier == \"x", "expected a closing \" for the string");
        assertMessage("tier == \"x\" amount > 1", "expected 'and' between conditions at position 13");
        assertMessage("== 5", "expected a field name like tier or customer.tier at position 1");
        FilterException e = assertThrows(FilterException.class, () -> EventFilter.parse(null, Map.of(), null, "a,,b"));
        assertTrue(e.getMessage().contains("fields: '' is not a field name"), e.getMessage());
    }

    private static void assertMessage(String where, String fragment) {
        FilterException e = assertThrows(FilterException.class, () -> EventFilter.parse(null, Map.of(), where, null));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
