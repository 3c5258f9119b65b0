package io.meshgate.replication.protocol;

import static io.meshgate.replication.protocol.Frames.assertSameBatch;
import static io.meshgate.replication.protocol.Frames.header;
import static io.meshgate.replication.protocol.Frames.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.replication.protocol.ReplicatedRecord.RecordHeader;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever a batch holds comes out of encode-then-decode byte for byte. */
class RecordBatchCodecRoundTripTest {

    private static RecordBatch roundTrip(RecordBatch batch) {
        RecordBatch decoded = RecordBatchCodec.decode(RecordBatchCodec.encode(batch));
        assertSameBatch(batch, decoded);
        return decoded;
    }

    @Test
    void plainRecordsKeepOffsetsTimestampsKeysAndValues() {
        roundTrip(new RecordBatch("orders", 3, 2, List.of(record(10, "k1", "v1"), record(11, "k2", "v2"), record(15, "k3", "v3"))));
    }

    @Test
    void emptyBatchRoundTrips() {
        roundTrip(new RecordBatch("orders", 0, 0, List.of()));
    }

    @Test
    void nullKeyStaysNullAndDoesNotBecomeEmpty() {
        RecordBatch decoded = roundTrip(new RecordBatch("orders", 1, 0, List.of(record(0, null, "v"))));
        assertNull(decoded.records().get(0).key());
    }

    @Test
    void tombstoneKeepsItsNullValue() {
        RecordBatch decoded = roundTrip(new RecordBatch("orders", 1, 0, List.of(record(0, "k", null))));
        assertNull(decoded.records().get(0).value());
        assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), decoded.records().get(0).key());
    }

    @Test
    void emptyKeyAndValueStayEmptyAndDoNotBecomeNull() {
        RecordBatch decoded = roundTrip(new RecordBatch("orders", 1, 0, List.of(record(0, "", ""))));
        assertNotNull(decoded.records().get(0).key());
        assertNotNull(decoded.records().get(0).value());
    }

    @Test
    void headersKeepOrderDuplicatesNullAndEmptyValues() {
        roundTrip(new RecordBatch("orders", 1, 0, List.of(
                record(0, "k", "v", header("trace", "abc"), new RecordHeader("nothing", null), header("empty", ""),
                        header("trace", "again")),
                record(1, "k", "v"))));
    }

    @Test
    void nonAsciiStreamNameAndHeaderKeysRoundTrip() {
        roundTrip(new RecordBatch("заказы-注文-\uD83D\uDE80", 1, 0, List.of(
                record(0, "ключ", "värde", header("en-tête-\uD83D\uDCE6", "ü"), header("ヘッダー", "値")))));
    }

    @Test
    void oneMebibyteValueRoundTrips() {
        byte[] large = new byte[1024 * 1024];
        new Random(42).nextBytes(large);
        roundTrip(new RecordBatch("orders", 1, 0, List.of(
                new ReplicatedRecord(0, 1L, new byte[] {1}, large, List.of()), record(1, "after", "the large one"))));
    }

    @Test
    void extremeFieldValuesRoundTrip() {
        roundTrip(new RecordBatch("o", Integer.MIN_VALUE, Integer.MAX_VALUE, List.of(
                new ReplicatedRecord(0, -1L, null, null, List.of()),
                new ReplicatedRecord(Long.MAX_VALUE, Long.MIN_VALUE, null, null, List.of()))));
    }

    @Test
    void encodedSizeIsNeverBelowTheBytesARecordTakesInAFrame() {
        ReplicatedRecord record = record(0, "ключ", "value", header("\uD83D\uDE80\uD83D\uDE80", "x"), header("ascii", null));
        Buffer empty = RecordBatchCodec.encode(new RecordBatch("s", 0, 0, List.of()));
        Buffer one = RecordBatchCodec.encode(new RecordBatch("s", 0, 0, List.of(record)));
        int actual = one.length() - empty.length();
        assertTrue(record.encodedSize() >= actual, "encodedSize " + record.encodedSize() + " < actual " + actual);
    }
}
