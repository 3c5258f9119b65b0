package io.meshgate.replication.replica;

import io.meshgate.replication.protocol.ControlMessage;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * A heartbeat from an origin, read: the origin time it was taken at, each stream's log end offsets per partition,
 * and, per stream, how far every region the origin serves has committed (absent from older origins).
 */
record Heartbeat(long originTime, Map<String, Map<Integer, Long>> logEnds,
                 Map<String, Map<String, Map<Integer, Long>>> committedByStream) {

    static Heartbeat parse(ControlMessage heartbeat) {
        long time = heartbeat.requireLong("time");
        JsonObject streams = heartbeat.requireObject("streams");
        Map<String, Map<Integer, Long>> logEnds = new HashMap<>();
        for (String stream : streams.fieldNames()) {
            if (streams.getValue(stream) instanceof JsonObject ends) {
                logEnds.put(stream, ControlMessage.partitionOffsets(ends, "heartbeat of '" + stream + "'"));
            }
        }
        Map<String, Map<String, Map<Integer, Long>>> committed = new HashMap<>();
        if (heartbeat.body().getValue("committed") instanceof JsonObject byStream) {
            for (String stream : byStream.fieldNames()) {
                if (byStream.getValue(stream) instanceof JsonObject byRegion) {
                    committed.put(stream, regions(stream, byRegion));
                }
            }
        }
        return new Heartbeat(time, logEnds, committed);
    }

    private static Map<String, Map<Integer, Long>> regions(String stream, JsonObject byRegion) {
        Map<String, Map<Integer, Long>> regions = new HashMap<>();
        for (String region : byRegion.fieldNames()) {
            if (byRegion.getValue(region) instanceof JsonObject offsets) {
                regions.put(region, ControlMessage.partitionOffsets(offsets, "committed of '" + stream + "' in '" + region + "'"));
            }
        }
        return regions;
    }
}
