package io.meshgate.gateway.filter;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Record bytes as JSON, the way subscriptions and views both read them. */
public final class JsonValues {

    /** What {@link #parse} returns for bytes that are not JSON. */
    public static final Object NOT_JSON = new Object();

    private JsonValues() {
    }

    /** The value parsed as JSON (JsonObject, JsonArray, String, Number, Boolean), null for a tombstone, or {@link #NOT_JSON}. */
    public static Object parse(byte[] value) {
        if (value == null) {
            return null;  // a tombstone
        }
        String text = text(value);
        if (text == null || text.isBlank()) {
            return NOT_JSON;
        }
        try {
            return Json.decodeValue(text);
        } catch (DecodeException e) {
            return NOT_JSON;
        }
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8 (or null). */
    public static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
