package io.meshgate.gateway.http;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.catalog.StreamSample;
import io.meshgate.gateway.catalog.StreamSampler;
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
 * share (the topic to read here, its partitions, how far behind it is). One stream's entry also shows what it
 * carries: a schema inferred from its most recent records here and the newest of them as samples; the list leaves
 * those out, to stay cheap.
 */
final class StreamCatalogHandler {

    static final int DEFAULT_SAMPLES = 5;

    private final GatewaySettings settings;
    private final Supplier<MeshConfig> mesh;
    private final ReplicationVerticle replication;
    private final HttpAccess access;
    private final StreamSampler sampler;

    StreamCatalogHandler(GatewaySettings settings, Supplier<MeshConfig> mesh, ReplicationVerticle replication,
                         HttpAccess access, StreamSampler sampler) {
        this.access = access;
        this.sampler = sampler;
        this.settings = settings;
        this.mesh = mesh;
        this.replication = replication;
    }

    /** Lists the streams this client may read (all of them when the mesh has no security section). */
    void list(RoutingContext ctx) {
        MeshConfig current = mesh.get();
        access.client(ctx).compose(client -> replication.status().map(links -> {
            JsonArray streams = new JsonArray();
            current.streams().values().stream().filter(stream -> access.mayRead(client, stream.name()))
                    .forEach(stream -> streams.add(describe(current, stream, links)));
            return new JsonObject().put("region", settings.region()).put("streams", streams);
        })).onSuccess(json -> send(ctx, json)).onFailure(failure -> HttpAccess.fail(ctx, failure));
    }

    /** One stream, with its schema and samples; {@code ?samples=N} (0..20) says how many samples. */
    void one(RoutingContext ctx) {
        MeshConfig current = mesh.get();
        access.readableStream(ctx, current).onSuccess(stream -> {
            Integer samples = samples(ctx.queryParams().get("samples"));
            if (samples == null) {
                Errors.send(ctx, 400, "catalog.samples.invalid", "samples must be a whole number from 0 to "
                        + StreamSampler.MAX_SAMPLES + ", got '" + ctx.queryParams().get("samples") + "'; default "
                        + DEFAULT_SAMPLES);
                return;
            }
            Future<List<LinkStatus>> links = replication.status();
            Future<StreamSample> sample = sampler.sample(current, stream);
            Future.all(links, sample)
                    .map(all -> describe(current, stream, links.result()).put("region", settings.region())
                            .mergeIn(sample.result().toJson(samples)))
                    .onSuccess(json -> send(ctx, json)).onFailure(ctx::fail);
        }).onFailure(failure -> HttpAccess.fail(ctx, failure));
    }

    /** The number of samples asked for, the default when not asked, or null when the value is not allowed. */
    static Integer samples(String value) {
        if (value == null) {
            return DEFAULT_SAMPLES;
        }
        if (!value.matches("\\d{1,2}")) {
            return null;
        }
        int n = Integer.parseInt(value);
        return n <= StreamSampler.MAX_SAMPLES ? n : null;
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

    private static ReplicaStatus replicaOf(List<LinkStatus> links, String stream, String origin) {
        return links.stream().flatMap(link -> link.replicas().stream())
                .filter(replica -> replica.stream().equals(stream) && replica.origin().equals(origin))
                .findFirst().orElse(null);
    }

    private static void send(RoutingContext ctx, JsonObject json) {
        ctx.response().putHeader("Content-Type", "application/json").end(json.encodePrettily());
    }
}
