package io.meshgate.replication.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {"partition": offset} objects in positions, progress and heartbeats. */
class PartitionOffsetsTest {

    private static LinkProtocolException assertRejected(JsonObject object, String... parts) {
        LinkProtocolException e = assertThrows(LinkProtocolException.class,
                () -> ControlMessage.partitionOffsets(object, "positions of 'orders'"));
        assertEquals("link.message.invalid", e.code());
        assertTrue(e.getMessage().startsWith("positions of 'orders': "), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' should contain '" + part + "'");
        }
        return e;
    }

    @Test
    void readsPartitionsAndOffsets() {
        assertEquals(Map.of(0, 5L, 1, 0L, 12, 5_000_000_000L),
                ControlMessage.partitionOffsets(new JsonObject().put("0", 5).put("1", 0L).put("12", 5_000_000_000L), "x"));
    }

    @Test
    void emptyObjectIsNoPartitions() {
        assertEquals(Map.of(), ControlMessage.partitionOffsets(new JsonObject(), "x"));
    }

    @Test
    void nonNumericPartitionIsRejected() {
        assertRejected(new JsonObject().put("p0", 1), "partition 'p0' is not a number");
    }

    @Test
    void negativePartitionIsRejected() {
        assertRejected(new JsonObject().put("-1", 1), "partition -1");
    }

    @Test
    void negativeOffsetIsRejected() {
        assertRejected(new JsonObject().put("0", -3), "partition 0 needs a non-negative offset, got -3");
    }

    @Test
    void offsetInAStringIsRejected() {
        assertRejected(new JsonObject().put("0", "5"), "partition 0 needs a non-negative offset, got 5");
    }

    @Test
    void nullOrObjectOffsetIsRejected() {
        assertRejected(new JsonObject().putNull("0"), "got null");
        assertRejected(new JsonObject().put("0", new JsonObject()), "partition 0 needs a non-negative offset");
    }

    @Test
    void toJsonRoundTripsThroughAnEncodedMessage() {
        Map<Integer, Long> offsets = Map.of(0, 0L, 3, 42L, 7, 5_000_000_000L);
        String text = ControlMessage.of(ControlMessage.Type.PROGRESS).put("positions", ControlMessage.toJson(offsets)).encode();
        JsonObject parsed = ControlMessage.parse(text).requireObject("positions");
        assertEquals(offsets, ControlMessage.partitionOffsets(parsed, "progress"));
    }

    @Test
    void toJsonUsesDecimalPartitionKeys() {
        assertEquals(new JsonObject().put("2", 9L), ControlMessage.toJson(Map.of(2, 9L)));
    }
}
