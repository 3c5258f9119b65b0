package io.meshgate.replication.protocol;

import static io.meshgate.replication.protocol.Frames.MALFORMED;
import static io.meshgate.replication.protocol.Frames.header;
import static io.meshgate.replication.protocol.Frames.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.meshgate.replication.protocol.ReplicatedRecord.RecordHeader;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every proper prefix of a valid frame, cut at any byte, is rejected as malformed and nothing else. */
class RecordBatchCodecTruncationTest {

    private static final Buffer VALID = RecordBatchCodec.encode(new RecordBatch("orders-ü", 4, 2, List.of(
            record(100, "k", "v", header("trace", "abc"), new RecordHeader("none", null)),
            record(101, null, null),
            record(105, "", "tail", header("ключ", "")))));

    @Test
    void everyPrefixOfAValidFrameIsRejectedAsTruncatedOrOutOfRange() {
        for (int length = 0; length < VALID.length(); length++) {
            Buffer prefix = VALID.getBuffer(0, length);
            try {
                RecordBatchCodec.decode(prefix);
                fail("prefix of " + length + " of " + VALID.length() + " bytes decoded without error");
            } catch (LinkProtocolException e) {
                assertEquals(MALFORMED, e.code(), "code for prefix of " + length + " bytes");
                String message = e.getMessage();
                assertTrue(message.contains("truncated") || message.contains("out of range"),
                        "prefix of " + length + " bytes: message should say the frame is cut short: " + message);
            } catch (RuntimeException e) {
                fail("prefix of " + length + " bytes threw " + e + " instead of LinkProtocolException", e);
            }
        }
    }

    @Test
    void theWholeFrameStillDecodes() {
        assertEquals(105, RecordBatchCodec.decode(VALID).lastOffset());
    }
}
