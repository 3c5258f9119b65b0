package io.meshgate.replication.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** require* accessors name the message type, the field, what it should be and what came instead. */
class ControlMessageFieldsTest {

    private static final ControlMessage SUBSCRIBE = ControlMessage.parse("""
            {"type":"subscribe","stream":"orders","empty":"","count":12,"big":5000000000,"text":"12",
             "positions":{"0":3},"list":[1]}""");

    private static void assertRejected(Executable access, String message) {
        LinkProtocolException e = assertThrows(LinkProtocolException.class, access);
        assertEquals("link.message.invalid", e.code());
        assertEquals(message, e.getMessage());
    }

    @Test
    void requireStringReturnsAPresentString() {
        assertEquals("orders", SUBSCRIBE.requireString("stream"));
    }

    @Test
    void requireStringRejectsAMissingField() {
        assertRejected(() -> SUBSCRIBE.requireString("region"),
                "'subscribe' message needs field 'region' as a non-empty string, got null");
    }

    @Test
    void requireStringRejectsANumber() {
        assertRejected(() -> SUBSCRIBE.requireString("count"), "'subscribe' message needs field 'count' as a non-empty string, got 12");
    }

    @Test
    void requireStringRejectsAnEmptyString() {
        assertRejected(() -> SUBSCRIBE.requireString("empty"), "'subscribe' message needs field 'empty' as a non-empty string, got ");
    }

    @Test
    void requireLongReturnsIntAndLongNumbers() {
        assertEquals(12L, SUBSCRIBE.requireLong("count"));
        assertEquals(5_000_000_000L, SUBSCRIBE.requireLong("big"));
    }

    @Test
    void requireLongRejectsAMissingField() {
        assertRejected(() -> SUBSCRIBE.requireLong("time"), "'subscribe' message needs field 'time' as a number, got null");
    }

    @Test
    void requireLongRejectsANumberInAString() {
        assertRejected(() -> SUBSCRIBE.requireLong("text"), "'subscribe' message needs field 'text' as a number, got 12");
    }

    @Test
    void requireObjectReturnsAnObject() {
        assertEquals(new JsonObject().put("0", 3), SUBSCRIBE.requireObject("positions"));
    }

    @Test
    void requireObjectRejectsAMissingField() {
        assertRejected(() -> SUBSCRIBE.requireObject("streams"), "'subscribe' message needs field 'streams' as an object, got null");
    }

    @Test
    void requireObjectRejectsAnArrayAndAString() {
        assertRejected(() -> SUBSCRIBE.requireObject("list"), "'subscribe' message needs field 'list' as an object, got [1]");
        assertRejected(() -> SUBSCRIBE.requireObject("stream"), "'subscribe' message needs field 'stream' as an object, got orders");
    }
}
