package io.meshgate.gateway.view;

import io.meshgate.replication.position.Cursor;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ViewAnswerTest {

    private static final Cursor AS_OF = new Cursor("orders", Map.of("eu-west", Map.of(0, 12L, 1, 7L)));
    private static final String AS_OF_TEXT = ViewAnswer.asOfJson(AS_OF).encode();

    @Test
    void aPassedThroughValueIsSplicedInAsStoredFieldForField() {
        String stored = "{\"orderId\":\"o-1\",\"amount\":12.50,\"lines\":[1,2]}";
        ViewAnswer answer = new ViewAnswer("orders-by-id", "o-1", true, new RawJson(stored), false, "us-east", AS_OF,
                AS_OF_TEXT, 180L, null);
        String text = answer.encode("local");
        assertEquals(answer.toJson("local"), new JsonObject(text));
        assertEquals("{\"view\":\"orders-by-id\",\"key\":\"o-1\",\"value\":" + stored + ",\"region\":\"us-east\",\"asOf\":"
                + "{\"eu-west\":{\"0\":12,\"1\":7}},\"stalenessMs\":180,\"source\":\"local\"}", text,
                "numbers exactly as the producer wrote them (12.50), fields in the order of every other answer");
    }

    @Test
    void keysAreEscapedAndAnUnknownStalenessIsNull() {
        String key = "a\"b\\c\n\u0001é/";
        ViewAnswer answer = new ViewAnswer("v", key, true, new RawJson("\"text\""), false, "eu-west", AS_OF, AS_OF_TEXT,
                null, null);
        JsonObject parsed = new JsonObject(answer.encode("local"));
        assertEquals(key, parsed.getString("key"));
        assertEquals("text", parsed.getString("value"));
        assertEquals(null, parsed.getValue("stalenessMs"));
        assertEquals(answer.toJson("local"), parsed);
    }

    @Test
    void otherAnswersAreEncodedFromTheirJson() {
        ViewAnswer projected = new ViewAnswer("v", "k", true, new JsonObject().put("a", 1), false, "eu-west", AS_OF,
                AS_OF_TEXT, 0L, null);
        assertEquals(projected.toJson("local").encode(), projected.encode("local"));
        ViewAnswer binary = new ViewAnswer("v", "k", true, "AAE=", true, "eu-west", AS_OF, AS_OF_TEXT, 0L, null);
        assertEquals("base64", new JsonObject(binary.encode("local")).getString("encoding"));
    }
}
