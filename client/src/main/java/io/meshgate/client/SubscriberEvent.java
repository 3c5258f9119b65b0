package io.meshgate.client;

import io.vertx.core.json.Json;

import java.util.Map;

/**
 * One record of the stream, as the gateway pushed it.
 *
 * @param stream    the stream
 * @param origin    the region where the record was written
 * @param partition its partition, the same in every region
 * @param offset    its offset in the origin region's topic (the same whichever region delivered it)
 * @param timestamp the record's timestamp, epoch milliseconds
 * @param key       the key as text; null when the record has no key or the key is not UTF-8 (see {@code keyBytes})
 * @param keyBytes  the key's bytes when it is not UTF-8 text, else null
 * @param value     the value when it is JSON: a {@code JsonObject}, {@code JsonArray}, {@code String}, {@code Number}
 *                  or {@code Boolean} (projected to the subscription's {@code fields}); null for a tombstone or a
 *                  value that is not JSON
 * @param bytes     the value's bytes when it is not JSON (the gateway sent it base64), else null
 * @param headers   the record's headers; values that are not UTF-8 are {@code base64:<bytes>}
 * @param cursor    resumes the stream right after this record, at any region's gateway
 */
public record SubscriberEvent(String stream, String origin, int partition, long offset, long timestamp, String key,
                              byte[] keyBytes, Object value, byte[] bytes, Map<String, String> headers,
                              String cursor) {

    /** True when the value is not JSON and comes as {@link #bytes()}. */
    public boolean binary() {
        return bytes != null;
    }

    /** True for a tombstone: a record with no value. */
    public boolean tombstone() {
        return bytes == null && value == null;
    }

    /** The JSON value as JSON text, or null for a tombstone or a binary value. */
    public String valueJson() {
        return bytes != null || value == null ? null : Json.encode(value);
    }

    @Override
    public String toString() {
        return "SubscriberEvent[" + stream + " " + origin + "/" + partition + "@" + offset + " key=" + key + "]";
    }
}
