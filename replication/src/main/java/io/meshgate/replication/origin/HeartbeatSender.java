package io.meshgate.replication.origin;

import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.ControlMessage.Type;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.admin.ListOffsetsResultInfo;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Sends a link's heartbeat: for every subscribed stream, each origin partition's log end offset and the origin
 * time at which it was read. Receivers compute records and time behind from it, so lag stays true when the
 * stream is idle and grows while the link is down. It also relays how far every connected region has committed
 * each stream, so any region can tell the whole mesh's watermarks (and the data at risk if the origin is lost).
 */
final class HeartbeatSender {

    private final LocalCluster cluster;
    private final ServerWebSocket socket;
    private final Map<String, OriginTopic> tracked = new HashMap<>();
    private final Function<String, Map<String, Map<Integer, Long>>> committedByRegion;

    HeartbeatSender(LocalCluster cluster, ServerWebSocket socket,
                    Function<String, Map<String, Map<Integer, Long>>> committedByRegion) {
        this.cluster = cluster;
        this.socket = socket;
        this.committedByRegion = committedByRegion;
    }

    void track(String stream, OriginTopic topic) {
        tracked.put(stream, topic);
    }

    void untrack(String stream) {
        tracked.remove(stream);
    }

    void send() {
        // Stamped before the request: the end offsets returned are at least what they were at this time.
        long readAt = System.currentTimeMillis();
        if (tracked.isEmpty()) {
            write(readAt, new JsonObject(), new JsonObject());
            return;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        tracked.values().forEach(topic -> {
            for (int p = 0; p < topic.partitions(); p++) {
                request.put(new TopicPartition(topic.name(), p), OffsetSpec.LATEST);
            }
        });
        Map<String, OriginTopic> snapshot = Map.copyOf(tracked);
        cluster.admin().listOffsets(request).onSuccess(ends -> write(readAt, toJson(snapshot, ends), regions(snapshot)));
        // A failed read skips one beat: receivers then see the time behind grow, which is the truth.
    }

    private static JsonObject toJson(Map<String, OriginTopic> streams, Map<TopicPartition, ListOffsetsResultInfo> ends) {
        JsonObject json = new JsonObject();
        streams.forEach((stream, topic) -> {
            JsonObject partitions = new JsonObject();
            ends.forEach((partition, info) -> {
                if (partition.getTopic().equals(topic.name())) {
                    partitions.put(Integer.toString(partition.getPartition()), info.getOffset());
                }
            });
            json.put(stream, partitions);
        });
        return json;
    }

    /** {@code {"<stream>": {"<region>": {"<partition>": <next offset committed>}}}} for the tracked streams. */
    private JsonObject regions(Map<String, OriginTopic> streams) {
        JsonObject json = new JsonObject();
        for (String stream : streams.keySet()) {
            JsonObject byRegion = new JsonObject();
            committedByRegion.apply(stream).forEach((region, committed) -> byRegion.put(region, ControlMessage.toJson(committed)));
            json.put(stream, byRegion);
        }
        return json;
    }

    private void write(long readAt, JsonObject streams, JsonObject regions) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(ControlMessage.of(Type.HEARTBEAT).put("time", readAt).put("streams", streams)
                    .put("committed", regions).encode());
        }
    }
}
