package io.meshgate.gateway.http;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.replication.KafkaFutures;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.ReplicationVerticle;
import io.meshgate.replication.origin.OriginService;
import io.meshgate.replication.replica.LinkStatus;
import io.meshgate.replication.replica.ReplicaStatus;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code GET /v1/streams/{stream}/watermarks}: for each origin of the stream and each partition, the highest
 * origin offset committed in each region, and the records at risk if the origin region were lost now. For
 * origins elsewhere the figures are those the origin relayed in its last heartbeat; for streams written here,
 * this gateway's own log end offsets and what its peers reported. Positions tell about a stream's data, so the
 * same readers as the stream's data may see them.
 */
final class WatermarksHandler implements Handler<RoutingContext> {

    private final GatewaySettings settings;
    private final Supplier<MeshConfig> mesh;
    private final LocalCluster cluster;
    private final OriginService origin;
    private final ReplicationVerticle replication;
    private final HttpAccess access;

    WatermarksHandler(GatewaySettings settings, Supplier<MeshConfig> mesh, LocalCluster cluster, OriginService origin,
                      ReplicationVerticle replication, HttpAccess access) {
        this.access = access;
        this.settings = settings;
        this.mesh = mesh;
        this.cluster = cluster;
        this.origin = origin;
        this.replication = replication;
    }

    @Override
    public void handle(RoutingContext ctx) {
        access.readableStream(ctx, mesh.get()).onSuccess(stream -> answer(ctx, stream))
                .onFailure(failure -> HttpAccess.fail(ctx, failure));
    }

    private void answer(RoutingContext ctx, StreamConfig stream) {
        String name = stream.name();
        Future<OriginWatermarks> local = stream.originatesIn(settings.region()) ? localOrigin(stream) : Future.succeededFuture();
        Future<List<LinkStatus>> links = replication.status();
        // Built in map(), not onSuccess(): a bug while building must still answer the request (500), not hang it.
        Future.all(local, links).map(all -> {
            JsonArray origins = new JsonArray();
            for (String originRegion : stream.origins()) {
                OriginWatermarks watermarks = originRegion.equals(settings.region()) ? local.result()
                        : fromReplica(name, originRegion, links.result());
                origins.add(watermarks == null ? unknown(originRegion) : watermarks.toJson());
            }
            return new JsonObject().put("stream", name).put("region", settings.region()).put("origins", origins);
        }).onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encodePrettily()))
          .onFailure(ctx::fail);
    }

    private Future<OriginWatermarks> localOrigin(StreamConfig stream) {
        String topic = stream.topic();
        return KafkaFutures.on(cluster.vertx(), cluster.kafkaAdmin().describeTopics(List.of(topic)).allTopicNames())
                .compose(descriptions -> {
                    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                    descriptions.get(topic).partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                    return KafkaFutures.on(cluster.vertx(), cluster.kafkaAdmin().listOffsets(request).all());
                })
                .map(ends -> {
                    Map<Integer, Long> logEnds = new TreeMap<>();
                    ends.forEach((partition, info) -> logEnds.put(partition.partition(), info.offset()));
                    return new OriginWatermarks(settings.region(), "local", logEnds, origin.committedByRegion(stream.name()));
                });
    }

    private static OriginWatermarks fromReplica(String stream, String originRegion, List<LinkStatus> links) {
        for (LinkStatus link : links) {
            for (ReplicaStatus replica : link.replicas()) {
                if (replica.stream().equals(stream) && replica.origin().equals(originRegion)) {
                    Map<Integer, Long> logEnds = new TreeMap<>();
                    replica.partitions().stream().filter(p -> p.originLogEnd() >= 0)
                            .forEach(p -> logEnds.put(p.partition(), p.originLogEnd()));
                    return new OriginWatermarks(originRegion, "heartbeat", logEnds, replica.regionsCommitted());
                }
            }
        }
        return null;
    }

    private static JsonObject unknown(String originRegion) {
        return new JsonObject().put("origin", originRegion).put("source", "unknown")
                .put("message", "this region does not receive the stream from " + originRegion
                        + "; ask the gateway of " + originRegion + " or of a region that replicates it");
    }
}
