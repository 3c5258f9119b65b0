package io.meshgate.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;

/**
 * The watermarks of one origin's share of a stream: per partition, the origin's log end and the highest origin
 * offset each region has committed; and what would be lost with the origin region: the records no other region
 * holds yet, which is the recovery point of losing that region right now.
 *
 * @param logEnds          origin log end offset per partition (next offset to be written)
 * @param regionsCommitted per region other than the origin, next origin offset committed per partition
 */
record OriginWatermarks(String origin, String source, Map<Integer, Long> logEnds,
                        Map<String, Map<Integer, Long>> regionsCommitted) {

    JsonObject toJson() {
        JsonArray partitions = new JsonArray();
        long atRisk = 0;
        for (Map.Entry<Integer, Long> partition : new TreeMap<>(logEnds).entrySet()) {
            JsonObject highest = new JsonObject().put(origin, partition.getValue() - 1);
            long best = 0;
            for (Map.Entry<String, Map<Integer, Long>> region : new TreeMap<>(regionsCommitted).entrySet()) {
                long next = region.getValue().getOrDefault(partition.getKey(), 0L);
                highest.put(region.getKey(), next - 1);
                best = Math.max(best, next);
            }
            atRisk += Math.max(0, partition.getValue() - best);
            partitions.add(new JsonObject()
                    .put("partition", partition.getKey())
                    .put("originLogEndOffset", partition.getValue())
                    .put("highestCommittedOffset", highest));
        }
        return new JsonObject()
                .put("origin", origin)
                .put("source", source)
                .put("partitions", partitions)
                .put("ifOriginLost", new JsonObject()
                        .put("recordsAtRisk", atRisk)
                        .put("safestRegion", safestRegion()));
    }

    /** The region holding the most of this origin's records: where to fail over to. */
    private String safestRegion() {
        String safest = null;
        long most = -1;
        for (Map.Entry<String, Map<Integer, Long>> region : new TreeMap<>(regionsCommitted).entrySet()) {
            long held = region.getValue().values().stream().mapToLong(Long::longValue).sum();
            if (held > most) {
                most = held;
                safest = region.getKey();
            }
        }
        return safest;
    }
}
