package io.meshgate.gateway.view;

/**
 * What a view holds for one key: the latest value (JSON text, or base64 when the record value is not JSON) and
 * the position of the record it came from. Serializable: in a region of several instances it lives in Hazelcast.
 */
public record ViewValue(String text, boolean base64, String origin, int partition, long offset, long timestamp)
        implements java.io.Serializable {
}
