package io.meshgate.client;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerFrameTest {

    @Test
    void aJsonEventKeepsItsValueAsJson() {
        SubscriberEvent event = event("""
                {"type":"event","stream":"orders","origin":"eu-west","partition":2,"offset":111,"timestamp":1767225600000,
                 "key":"o-42","value":{"orderId":"o-42","amount":12.5},"headers":{"source":"web"},"cursor":"c1.AAA"}""");
        assertEquals("orders", event.stream());
        assertEquals("eu-west", event.origin());
        assertEquals(2, event.partition());
        assertEquals(111, event.offset());
        assertEquals(1767225600000L, event.timestamp());
        assertEquals("o-42", event.key());
        assertNull(event.keyBytes());
        assertEquals(new JsonObject().put("orderId", "o-42").put("amount", 12.5), event.value());
        assertEquals("{\"orderId\":\"o-42\",\"amount\":12.5}", event.valueJson());
        assertFalse(event.binary());
        assertFalse(event.tombstone());
        assertEquals(Map.of("source", "web"), event.headers());
        assertEquals("c1.AAA", event.cursor());
    }

    @Test
    void aValueThatIsNotJsonComesAsBytes() {
        SubscriberEvent event = event("""
                {"type":"event","stream":"orders","origin":"eu-west","partition":0,"offset":5,"timestamp":1,
                 "key":"//8=","keyEncoding":"base64","value":"c2VxLTU=","encoding":"base64","headers":{},"cursor":"c1.B"}""");
        assertTrue(event.binary());
        assertArrayEquals("seq-5".getBytes(StandardCharsets.UTF_8), event.bytes());
        assertNull(event.value());
        assertNull(event.valueJson());
        assertNull(event.key());
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xff}, event.keyBytes());
    }

    @Test
    void aTombstoneHasNoValue() {
        SubscriberEvent event = event("""
                {"type":"event","stream":"orders","origin":"eu-west","partition":0,"offset":6,"timestamp":1,
                 "key":"o-1","value":null,"headers":{},"cursor":"c1.C"}""");
        assertTrue(event.tombstone());
    }

    @Test
    void controlFramesAreRead() {
        assertEquals(new ServerFrame.Subscribed("orders", "c1.S"),
                ServerFrame.parse("{\"type\":\"subscribed\",\"stream\":\"orders\",\"cursor\":\"c1.S\"}"));
        assertEquals(new ServerFrame.Heartbeat("c1.H", Map.of("eu-west", 12L, "us-east", 0L)), ServerFrame.parse(
                "{\"type\":\"heartbeat\",\"cursor\":\"c1.H\",\"behind\":{\"eu-west\":{\"records\":12,\"ms\":40},\"us-east\":{\"records\":0}}}"));
        assertEquals(new ServerFrame.Error("stream.unknown", "no stream 'x'"),
                ServerFrame.parse("{\"type\":\"error\",\"code\":\"stream.unknown\",\"message\":\"no stream 'x'\"}"));
        assertEquals(new ServerFrame.Unknown("stats"), ServerFrame.parse("{\"type\":\"stats\",\"whatever\":1}"));
    }

    @Test
    void aGapIsRead() {
        ServerFrame.Gap gap = assertInstanceOf(ServerFrame.Gap.class, ServerFrame.parse("""
                {"type":"gap","stream":"orders","origin":"eu-west","partition":3,"fromOffset":100,"toOffset":250,
                 "records":150,"reason":"retention in this region removed these records before they were read",
                 "cursor":"c1.G"}"""));
        assertEquals(new SubscriberGap("orders", "eu-west", 3, 100, 250, 150,
                "retention in this region removed these records before they were read"), gap.gap());
        assertEquals("c1.G", gap.cursor());
        // The reason is words for people, not protocol: a gap without one is still a gap.
        assertEquals("", assertInstanceOf(ServerFrame.Gap.class, ServerFrame.parse(
                "{\"type\":\"gap\",\"stream\":\"orders\",\"origin\":\"eu-west\",\"partition\":0,\"fromOffset\":0,"
                        + "\"toOffset\":1,\"records\":1,\"cursor\":\"c1.G\"}")).gap().reason());
    }

    @Test
    void aGapWithoutItsFieldsOrWithAnImpossibleRangeIsMalformed() {
        JsonObject good = new JsonObject().put("type", "gap").put("stream", "orders").put("origin", "eu-west")
                .put("partition", 3).put("fromOffset", 100L).put("toOffset", 250L).put("records", 150L)
                .put("reason", "retention").put("cursor", "c1.G");
        ServerFrame.parse(good.encode());
        for (String field : new String[] {"stream", "origin", "partition", "fromOffset", "toOffset", "records", "cursor"}) {
            JsonObject without = good.copy();
            without.remove(field);
            assertThrows(ServerFrame.MalformedFrameException.class, () -> ServerFrame.parse(without.encode()),
                    "without " + field);
        }
        for (JsonObject wrong : new JsonObject[] {
                good.copy().put("partition", "three"),
                good.copy().put("fromOffset", "100"),
                good.copy().put("stream", ""),
                good.copy().put("partition", -1),
                good.copy().put("fromOffset", -1L),
                good.copy().put("toOffset", 100L),
                good.copy().put("toOffset", 99L),
                good.copy().put("records", -1L),
                good.copy().put("records", 151L)}) {
            assertThrows(ServerFrame.MalformedFrameException.class, () -> ServerFrame.parse(wrong.encode()), wrong.encode());
        }
    }

    @Test
    void textThatIsNotAFrameIsMalformed() {
        for (String text : new String[] {"not json", "[1,2]", "{\"cursor\":\"c1.A\"}", "{\"type\":\"subscribed\"}",
                "{\"type\":\"event\",\"stream\":\"orders\",\"origin\":\"eu-west\",\"cursor\":\"c1.A\"}",
                "{\"type\":\"event\",\"stream\":\"orders\",\"origin\":\"eu-west\",\"partition\":\"two\",\"offset\":1,\"cursor\":\"c1.A\"}",
                "{\"type\":\"event\",\"stream\":\"orders\",\"origin\":\"eu-west\",\"partition\":0,\"offset\":1,\"value\":\"%%\","
                        + "\"encoding\":\"base64\",\"cursor\":\"c1.A\"}"}) {
            assertThrows(ServerFrame.MalformedFrameException.class, () -> ServerFrame.parse(text), text);
        }
    }

    private static SubscriberEvent event(String text) {
        return assertInstanceOf(ServerFrame.Event.class, ServerFrame.parse(text)).event();
    }
}
