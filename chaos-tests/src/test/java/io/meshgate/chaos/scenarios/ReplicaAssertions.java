package io.meshgate.chaos.scenarios;

import io.meshgate.replication.protocol.LinkProtocol;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The replication invariant: every partition of the replica holds exactly the records of the same origin
 * partition, in the same order, with the same key, value, timestamp and headers, plus origin headers naming
 * the origin region and offset. So nothing is lost, nothing is doubled, nothing is reordered.
 */
final class ReplicaAssertions {

    private ReplicaAssertions() {
    }

    static void assertExactReplica(String origin, List<ConsumerRecord<String, String>> originRecords,
                                   List<ConsumerRecord<String, String>> replicaRecords) {
        assertEquals(originRecords.size(), replicaRecords.size(), "replica record count (more = duplicates, fewer = loss)");
        Map<Integer, List<ConsumerRecord<String, String>>> originByPartition = byPartition(originRecords);
        Map<Integer, List<ConsumerRecord<String, String>>> replicaByPartition = byPartition(replicaRecords);
        assertEquals(originByPartition.keySet(), replicaByPartition.keySet(), "partitions holding records");
        originByPartition.forEach((partition, expected) -> {
            List<ConsumerRecord<String, String>> actual = replicaByPartition.get(partition);
            assertEquals(expected.size(), actual.size(), "records in partition " + partition);
            for (int i = 0; i < expected.size(); i++) {
                assertSameRecord(origin, expected.get(i), actual.get(i), "partition " + partition + " position " + i);
            }
        });
    }

    private static void assertSameRecord(String origin, ConsumerRecord<String, String> expected,
                                         ConsumerRecord<String, String> actual, String where) {
        assertEquals(expected.key(), actual.key(), where + ": key");
        assertEquals(expected.value(), actual.value(), where + ": value");
        assertEquals(expected.timestamp(), actual.timestamp(), where + ": timestamp");
        assertEquals(header(expected, "seq"), header(actual, "seq"), where + ": header seq");
        assertEquals(origin, header(actual, LinkProtocol.ORIGIN_HEADER), where + ": origin header");
        assertEquals(Long.toString(expected.offset()), header(actual, LinkProtocol.ORIGIN_OFFSET_HEADER),
                where + ": origin offset header");
        assertEquals("1", header(actual, LinkProtocol.HOPS_HEADER), where + ": hop count (replicas are never re-replicated)");
        // Every header, in order, and nothing else: the origin's own headers, then the ones meshgate adds.
        List<String> expectedHeaders = new ArrayList<>(headers(expected));
        expectedHeaders.add(LinkProtocol.ORIGIN_HEADER + "=" + origin);
        expectedHeaders.add(LinkProtocol.ORIGIN_OFFSET_HEADER + "=" + expected.offset());
        expectedHeaders.add(LinkProtocol.HOPS_HEADER + "=1");
        assertEquals(expectedHeaders, headers(actual), where + ": all headers");
    }

    private static List<String> headers(ConsumerRecord<String, String> record) {
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + (header.value() == null ? "null" : new String(header.value(), StandardCharsets.UTF_8)));
        }
        return headers;
    }

    private static String header(ConsumerRecord<String, String> record, String key) {
        Header header = record.headers().lastHeader(key);
        assertNotNull(header, "record at offset " + record.offset() + " has no header '" + key + "'");
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<Integer, List<ConsumerRecord<String, String>>> byPartition(List<ConsumerRecord<String, String>> records) {
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::partition, TreeMap::new,
                Collectors.toCollection(ArrayList::new)));
    }
}
