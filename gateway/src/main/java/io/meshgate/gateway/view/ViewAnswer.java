package io.meshgate.gateway.view;

import io.meshgate.replication.position.Cursor;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * What a region knows about one key of a view: the value (null when the key is absent; a {@link RawJson} when
 * the stored JSON text is the answer as it is), the positions it reflects (also as JSON text, encoded once per
 * view batch) and how stale it is. Rendered as the lookup answer, whether answered here or forwarded.
 */
record ViewAnswer(String view, String key, boolean found, Object value, boolean base64, String region, Cursor asOf,
                  String asOfText, Long stalenessMs, String absentReason) {

    JsonObject toJson(String source) {
        JsonObject json = new JsonObject().put("view", view).put("key", key);
        if (found) {
            json.put("value", value instanceof RawJson raw ? Json.decodeValue(raw.text()) : value);
            if (base64) {
                json.put("encoding", "base64");
            }
        }
        json.put("region", region).put("asOf", asOfJson(asOf)).put("stalenessMs", stalenessMs).put("source", source);
        return json;
    }

    /**
     * The answer as the JSON text {@link #toJson} would encode to, field for field. A value passed through is spliced
     * in as stored and the positions as encoded once: the hot path of a lookup parses and encodes no JSON at all.
     */
    String encode(String source) {
        if (!(value instanceof RawJson raw)) {
            return toJson(source).encode();
        }
        StringBuilder text = new StringBuilder(raw.text().length() + asOfText.length() + 128);
        JsonText.appendString(text.append("{\"view\":"), view);
        JsonText.appendString(text.append(",\"key\":"), key);
        text.append(",\"value\":").append(raw.text());
        JsonText.appendString(text.append(",\"region\":"), region);
        text.append(",\"asOf\":").append(asOfText).append(",\"stalenessMs\":").append(stalenessMs);
        return JsonText.appendString(text.append(",\"source\":"), source).append('}').toString();
    }

    /** Per origin and partition, the next origin offset: the answer reflects every record before it. */
    static JsonObject asOfJson(Cursor asOf) {
        JsonObject json = new JsonObject();
        asOf.next().forEach((origin, partitions) -> {
            JsonObject byPartition = new JsonObject();
            partitions.forEach((partition, next) -> byPartition.put(String.valueOf(partition), next));
            json.put(origin, byPartition);
        });
        return json;
    }
}
