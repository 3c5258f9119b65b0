package io.meshgate.replication.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.replication.protocol.ControlMessage.Type;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Text frames become typed control messages, or fail with a code and a message that quotes the input. */
class ControlMessageParseTest {

    private static final String INVALID = "link.message.invalid";

    private static LinkProtocolException assertRejected(String text, String code, String... parts) {
        LinkProtocolException e = assertThrows(LinkProtocolException.class, () -> ControlMessage.parse(text));
        assertEquals(code, e.code());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' should contain '" + part + "'");
        }
        return e;
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void everyTypeParsesFromItsLowerCaseWireName(Type type) {
        ControlMessage message = ControlMessage.parse("{\"type\":\"" + type.name().toLowerCase() + "\",\"stream\":\"orders\"}");
        assertEquals(type, message.type());
        assertEquals("orders", message.body().getString("stream"));
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void messagesBuiltWithOfParseBackToTheirType(Type type) {
        assertEquals(type, ControlMessage.parse(ControlMessage.of(type).encode()).type());
    }

    @Test
    void helloKeepsItsFields() {
        ControlMessage hello = ControlMessage.parse("{\"type\":\"hello\",\"protocol\":1,\"region\":\"eu-west\",\"instance\":\"eu-west-1\"}");
        assertEquals(1, hello.requireLong("protocol"));
        assertEquals("eu-west", hello.requireString("region"));
        assertEquals("eu-west-1", hello.requireString("instance"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"type\":", "", "hello"})
    void nonJsonIsRejected(String text) {
        assertRejected(text, INVALID, "not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"type\":\"hello\"}]", "\"hello\"", "42", "true", "null"})
    void jsonThatIsNotAnObjectIsRejected(String text) {
        assertRejected(text, INVALID, "not a JSON object: " + text);
    }

    @Test
    void longInputIsQuotedAbbreviated() {
        LinkProtocolException e = assertRejected("x".repeat(10_000), INVALID, "not a JSON object", "x".repeat(120) + "...");
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    void missingTypeIsRejected() {
        assertRejected("{\"stream\":\"orders\"}", INVALID, "no string 'type'", "{\"stream\":\"orders\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":7}", "{\"type\":null}", "{\"type\":[\"hello\"]}", "{\"type\":{\"name\":\"hello\"}}"})
    void nonStringTypeIsRejected(String text) {
        assertRejected(text, INVALID, "no string 'type'");
    }

    @Test
    void unknownTypeIsRejectedWithItsOwnCode() {
        assertRejected("{\"type\":\"helo\"}", "link.message.unknown-type", "unknown control message type 'helo'");
    }

    @Test
    void typeNamesAreCaseSensitive() {
        assertRejected("{\"type\":\"HELLO\"}", "link.message.unknown-type", "'HELLO'");
    }
}
