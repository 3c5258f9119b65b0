package io.meshgate.replication.subscribe;

import java.util.List;

/**
 * One record of a stream as a subscriber sees it, in origin terms (origin region, partition, origin offset) in
 * whichever region it was read, with the cursor that resumes right after it.
 */
public record StreamEvent(String stream, String origin, int partition, long offset, long timestamp, byte[] key,
                          byte[] value, List<Header> headers, String cursor) {

    /** A record header as the producer wrote it (meshgate's own provenance headers are left out). */
    public record Header(String key, byte[] value) {
    }
}
