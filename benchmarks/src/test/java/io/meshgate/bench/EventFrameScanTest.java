package io.meshgate.bench;

import io.meshgate.gateway.subscribe.EventFrames;
import io.meshgate.replication.subscribe.StreamEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scan reads frames exactly as the gateway renders them, even when the value mentions the same keys. */
class EventFrameScanTest {

    @Test
    void readsPartitionOffsetAndStampFromAGatewayRenderedFrame() {
        byte[] value = "{\"partition\":99,\"offset\":98,\"bench.sent-nanos\":\"97\"}".getBytes(StandardCharsets.UTF_8);
        StreamEvent event = new StreamEvent("fanout", "eu-west", 4, 123_456, 1_767_225_600_000L,
                "order-1".getBytes(StandardCharsets.UTF_8), value,
                List.of(new StreamEvent.Header("source", "bench".getBytes(StandardCharsets.UTF_8)),
                        new StreamEvent.Header(PacedProducer.SENT_NANOS_HEADER, "987654321012".getBytes(StandardCharsets.US_ASCII))),
                "c1.cursor");
        byte[] frame = EventFrames.withoutCursor(event).put("cursor", "c1.cursor").encode().getBytes(StandardCharsets.UTF_8);
        assertTrue(EventFrameScan.isEvent(frame), new String(frame, StandardCharsets.UTF_8));
        assertEquals(4, EventFrameScan.partition(frame));
        assertEquals(123_456, EventFrameScan.offset(frame));
        assertEquals(987_654_321_012L, EventFrameScan.sentNanos(frame));
    }

    @Test
    void otherFramesAndMissingStampsAreNotEvents() {
        assertFalse(EventFrameScan.isEvent("{\"type\":\"heartbeat\",\"cursor\":\"c1.x\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] unstamped = "{\"type\":\"event\",\"partition\":1,\"offset\":2,\"headers\":{}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, EventFrameScan.sentNanos(unstamped));
    }
}
