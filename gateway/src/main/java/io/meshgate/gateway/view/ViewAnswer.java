package io.meshgate.gateway.view;

import io.meshgate.replication.position.Cursor;
import io.vertx.core.json.JsonObject;

/**
 * What a region knows about one key of a view: the value (null when the key is absent), the positions it
 * reflects and how stale it is. Rendered as the lookup answer, whether answered here or forwarded.
 */
record ViewAnswer(String view, String key, boolean found, Object value, boolean base64, String region, Cursor asOf,
                  Long stalenessMs, String absentReason) {

    JsonObject toJson(String source) {
        JsonObject json = new JsonObject().put("view", view).put("key", key);
        if (found) {
            json.put("value", value);
            if (base64) {
                json.put("encoding", "base64");
            }
        }
        json.put("region", region).put("asOf", asOfJson(asOf)).put("stalenessMs", stalenessMs).put("source", source);
        return json;
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
