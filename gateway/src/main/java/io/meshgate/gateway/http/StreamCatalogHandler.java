package io.meshgate.gateway.http;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.security.AuthException;
import io.meshgate.gateway.security.ClientAuth;
import io.meshgate.gateway.security.ClientIdentity;
import io.meshgate.replication.ReplicationVerticle;
import io.meshgate.replication.replica.LinkStatus;
import io.meshgate.replication.replica.ReplicaStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /v1/streams} and {@code GET /v1/streams/{stream}}: the catalog a destination port reads to find what
 * it can use. For every stream: its origins, the regions that hold it, and what this region holds of each origin's
 * share (the topic to read here, its partitions, how far behind it is).
 */
final class StreamCatalogHandler {

    private final GatewaySettings settings;
    private final Supplier<MeshConfig> mesh;
    private final ReplicationVerticle replication;
    private final ClientAuth auth;

    StreamCatalogHandler(GatewaySettings settings, Supplier<MeshConfig> mesh, ReplicationVerticle replication,
                         ClientAuth auth) {
        this.auth = auth;
        this.settings = settings;
        this.mesh = mesh;
        this.replication = replication;
    }

    /** Lists the streams this client may read (all of them when the mesh has no security section). */
    void list(RoutingContext ctx) {
        MeshConfig current = mesh.get();
        client(ctx).compose(client -> replication.status().map(links -> {
            JsonArray streams = new JsonArray();
            current.streams().values().stream().filter(stream -> mayRead(client, stream.name()))
                    .forEach(stream -> streams.add(describe(current, stream, links)));
            return new JsonObject().put("region", settings.region()).put("streams", streams);
        })).onSuccess(json -> send(ctx, json)).onFailure(failure -> fail(ctx, failure));
    }

    void one(RoutingContext ctx) {
        client(ctx).onSuccess(client -> one(ctx, client)).onFailure(failure -> fail(ctx, failure));
    }

    private void one(RoutingContext ctx, ClientIdentity client) {
        MeshConfig current = mesh.get();
        String name = ctx.pathParam("stream");
        StreamConfig stream = current.streams().get(name);
        if (stream != null && !mayRead(client, name)) {
            Errors.send(ctx, 403, "auth.denied", "'" + client.subject() + "' may not read stream '" + name + "'");
            return;
        }
        if (stream == null) {
            Errors.unknownStream(ctx, name, current.streams().keySet());
            return;
        }
        replication.status().map(links -> describe(current, stream, links).put("region", settings.region()))
                .onSuccess(json -> send(ctx, json)).onFailure(ctx::fail);
    }

    private JsonObject describe(MeshConfig current, StreamConfig stream, List<LinkStatus> links) {
        JsonArray regions = new JsonArray();
        current.regions().keySet().stream()
                .filter(region -> stream.originatesIn(region) || stream.origins().stream().anyMatch(o -> stream.replicates(o, region)))
                .forEach(regions::add);
        JsonArray here = new JsonArray();
        for (String origin : stream.origins()) {
            if (origin.equals(settings.region())) {
                here.add(new JsonObject().put("origin", origin).put("topic", stream.topic()).put("kind", "origin"));
                continue;
            }
            ReplicaStatus replica = replicaOf(links, stream.name(), origin);
            if (replica != null) {
                here.add(new JsonObject().put("origin", origin).put("topic", replica.replicaTopic()).put("kind", "replica")
                        .put("state", replica.state())
                        .put("partitions", replica.partitions().size())
                        .put("recordsBehind", replica.partitions().stream().mapToLong(p -> Math.max(0, p.recordsBehind())).sum())
                        .put("millisBehind", replica.partitions().stream().mapToLong(ReplicaStatus.PartitionStatus::millisBehind).max().orElse(-1)));
            } else if (stream.replicates(origin, settings.region())) {
                here.add(new JsonObject().put("origin", origin).put("topic", current.replicaTopic(stream, origin))
                        .put("kind", "replica").put("state", "not on this instance")
                        .put("note", "another instance of this region replicates it, or it is starting"));
            }
        }
        return new JsonObject()
                .put("stream", stream.name())
                .put("topic", stream.topic())
                .put("origins", new JsonArray(stream.origins()))
                .put("regions", regions)
                .put("here", here);
    }

    private Future<ClientIdentity> client(RoutingContext ctx) {
        return auth == null ? Future.succeededFuture(ClientIdentity.ANONYMOUS)
                : auth.authenticate(ClientAuth.token(ctx.request().headers(), ctx.queryParams()));
    }

    private boolean mayRead(ClientIdentity client, String stream) {
        return auth == null || auth.mayRead(client, stream);
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof AuthException refused) {
            Errors.send(ctx, 401, refused.code(), refused.getMessage());
        } else {
            ctx.fail(failure);
        }
    }

    private static ReplicaStatus replicaOf(List<LinkStatus> links, String stream, String origin) {
        return links.stream().flatMap(link -> link.replicas().stream())
                .filter(replica -> replica.stream().equals(stream) && replica.origin().equals(origin))
                .findFirst().orElse(null);
    }

    private static void send(RoutingContext ctx, JsonObject json) {
        ctx.response().putHeader("Content-Type", "application/json").end(json.encodePrettily());
    }
}
