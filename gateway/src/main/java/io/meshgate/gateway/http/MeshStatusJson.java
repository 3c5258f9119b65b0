package io.meshgate.gateway.http;

import io.meshgate.gateway.GatewaySettings;
import io.meshgate.observability.HealthReport;
import io.meshgate.replication.origin.OriginService.ServedLink;
import io.meshgate.replication.replica.LinkStatus;
import io.meshgate.replication.replica.ReplicaStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The body of {@code GET /v1/mesh}: this gateway's region, every peer with the state of the link to it and
 * from it, and every replica this region holds with its lag per partition.
 */
final class MeshStatusJson {

    private MeshStatusJson() {
    }

    static JsonObject of(GatewaySettings settings, List<LinkStatus> links, List<ServedLink> served, HealthReport readiness,
                         List<String> clusterMembers) {
        Map<String, LinkStatus> outgoing = links.stream().collect(Collectors.toMap(LinkStatus::peer, Function.identity()));
        Map<String, ServedLink> incoming = served.stream()
                .collect(Collectors.toMap(ServedLink::peer, Function.identity(), (a, b) -> a));
        JsonArray peers = new JsonArray();
        for (String peer : settings.mesh().peersOf(settings.region())) {
            peers.add(peer(peer, settings.mesh().region(peer).gateway().toString(), outgoing.get(peer), incoming.get(peer)));
        }
        JsonArray replicas = new JsonArray();
        links.forEach(link -> link.replicas().forEach(replica -> replicas.add(replica(replica))));
        return new JsonObject()
                .put("mesh", settings.mesh().name())
                .put("region", settings.region())
                .put("instance", settings.instanceId())
                .put("ready", readiness.isUp())
                .put("security", settings.mesh().secured() ? "jwt" : "off")
                .put("linkAuth", settings.mesh().secured() && settings.mesh().security().linksAuthenticated()
                        ? "shared-secret" : "none")
                .put("kafka", new JsonObject().put("bootstrapServers", settings.regionConfig().bootstrapServers()))
                .put("cluster", new JsonObject().put("members", new JsonArray(clusterMembers))
                        .put("note", clusterMembers.isEmpty() ? "single instance: it does all of the region's work"
                                : "instances share the region's replication work; 'replicas' lists this instance's share"))
                .put("peers", peers)
                .put("replicas", replicas);
    }

    private static JsonObject peer(String region, String url, LinkStatus outgoing, ServedLink incoming) {
        JsonObject peer = new JsonObject().put("region", region).put("url", url);
        if (outgoing == null) {
            peer.put("link", new JsonObject().put("state", "none")
                    .put("reason", "no stream is replicated from " + region + " into this region"));
        } else {
            peer.put("link", new JsonObject()
                    .put("state", outgoing.state())
                    .put("since", Instant.ofEpochMilli(outgoing.sinceEpochMs()).toString())
                    .put("lastError", outgoing.lastError())
                    .put("reconnects", outgoing.reconnects())
                    .put("pauses", outgoing.pauses())
                    .put("pausedSince", outgoing.pausedSinceEpochMs() == 0 ? null
                            : Instant.ofEpochMilli(outgoing.pausedSinceEpochMs()).toString()));
        }
        peer.put("inbound", new JsonObject().put("connected", incoming != null));
        return peer;
    }

    private static JsonObject replica(ReplicaStatus replica) {
        JsonArray partitions = new JsonArray();
        long totalBehind = 0;
        boolean known = !replica.partitions().isEmpty();
        for (ReplicaStatus.PartitionStatus partition : replica.partitions()) {
            partitions.add(new JsonObject()
                    .put("partition", partition.partition())
                    .put("replicatedNextOffset", partition.replicatedNext())
                    .put("originLogEndOffset", partition.originLogEnd())
                    .put("recordsBehind", partition.recordsBehind())
                    .put("millisBehind", partition.millisBehind()));
            if (partition.recordsBehind() < 0) {
                known = false;
            } else {
                totalBehind += partition.recordsBehind();
            }
        }
        return new JsonObject()
                .put("stream", replica.stream())
                .put("origin", replica.origin())
                .put("replicaTopic", replica.replicaTopic())
                .put("state", replica.state())
                .put("lastError", replica.lastError())
                .put("recordsBehind", known ? totalBehind : null)
                .put("partitions", partitions);
    }
}
