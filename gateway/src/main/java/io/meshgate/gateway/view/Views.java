package io.meshgate.gateway.view;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.config.ViewConfig;
import io.meshgate.observability.Events;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.subscribe.StreamScanner;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The mesh's materialized views as this region serves them: every view whose stream this region holds is built
 * here, from the local origin topic and replicas, and answered by key with the positions it reflects and how stale
 * it is. Views whose stream this region does not hold are known by name (other regions answer them).
 */
public final class Views implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Views.class);

    /** Where a view's state lives: this gateway's memory, or the region's Hazelcast cluster. */
    public interface StoreFactory {
        ViewStore create(String view, String stream);

        StoreFactory IN_MEMORY = (view, stream) -> new LocalViewStore(stream);

        /** Whether reading the stores means a network call (then it must not happen on an event loop). */
        default boolean remote() {
            return false;
        }
    }

    private final String region;
    private final MeshConfig mesh;
    private final LocalCluster cluster;
    private final java.util.function.Predicate<String> builtHere;
    private final boolean storeIsRemote;
    private final Map<String, ViewRuntime> local = new LinkedHashMap<>();
    private final ViewReader reader;

    /**
     * Every view of {@code mesh} whose stream this region holds, its state where {@code stores} puts it, built by this
     * instance when {@code builtHere} says so (one instance per view in a region of several). Fails, naming the view,
     * on a bad filter.
     */
    public Views(String region, LocalCluster cluster, MeshConfig mesh, BiFunction<String, String, Long> replicaLagMs,
                 StoreFactory stores, java.util.function.Predicate<String> builtHere) {
        this.region = region;
        this.mesh = mesh;
        this.cluster = cluster;
        this.builtHere = builtHere;
        this.storeIsRemote = stores.remote();
        this.reader = new ViewReader(region, local::get);
        Map<String, ViewDefinition> definitions = new LinkedHashMap<>();
        mesh.views().values().forEach(config -> definitions.put(config.name(), ViewDefinition.of(config)));
        for (ViewDefinition definition : definitions.values()) {
            StreamConfig stream = mesh.stream(definition.config().stream());
            if (!StreamScanner.holds(mesh, region, stream)) {
                continue;
            }
            Map<String, Boolean> origins = new LinkedHashMap<>();
            stream.origins().stream().filter(origin -> origin.equals(region) || stream.replicates(origin, region))
                    .forEach(origin -> origins.put(origin, origin.equals(region)));
            ViewStore store = stores.create(definition.name(), stream.name());
            local.put(definition.name(), new ViewRuntime(definition, store, null, origins, replicaLagMs));
        }
    }

    /** The views whose where or fields cannot be used, one message each naming the view (empty when all are fine). */
    public static List<String> filterProblems(MeshConfig mesh) {
        List<String> problems = new ArrayList<>();
        for (ViewConfig config : mesh.views().values()) {
            try {
                ViewDefinition.of(config);
            } catch (IllegalArgumentException e) {
                problems.add("views." + config.name() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** Whether reading a view's state is a network call (the region's Hazelcast cluster). */
    boolean storeIsRemote() {
        return storeIsRemote;
    }

    public void start() {
        if (!local.isEmpty()) {
            Events.info(LOG, "views.started", "region", region, "views", String.join(",", local.keySet()));
        }
        rebalance();
    }

    /**
     * Starts building the views this instance now owns and stops the others: after a start, and whenever the
     * region's instances change. A view taken over carries on from the positions its store holds.
     */
    public synchronized void rebalance() {
        List<String> started = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        local.forEach((name, view) -> {
            boolean owns = builtHere.test(name);
            if (owns && view.builder == null) {
                StreamConfig stream = mesh.stream(view.definition.config().stream());
                ViewBuilder builder = new ViewBuilder(view.definition, view.store, cluster, mesh, stream);
                view.builder = builder;
                builder.start();
                started.add(name);
            } else if (!owns && view.builder != null) {
                view.builder.close();
                view.builder = null;
                stopped.add(name);
            }
        });
        if (!started.isEmpty() || !stopped.isEmpty()) {
            Events.info(LOG, "views.rebalanced", "region", region, "building", String.join(",", started),
                    "handedOver", String.join(",", stopped));
        }
    }

    /** Whether the mesh has a view by this name (built here or not). */
    public boolean exists(String view) {
        return mesh.views().containsKey(view);
    }

    /** Whether this region builds and answers the view itself. */
    public boolean heldHere(String view) {
        return local.containsKey(view);
    }

    public ViewConfig config(String view) {
        return mesh.views().get(view);
    }

    /** The regions that build a view: those that hold its stream. */
    public List<String> regions(String view) {
        StreamConfig stream = mesh.stream(config(view).stream());
        return mesh.regions().keySet().stream().filter(id -> StreamScanner.holds(mesh, id, stream)).toList();
    }

    public Long stalenessMs(String view) {
        ViewRuntime runtime = local.get(view);
        return runtime == null ? null : runtime.stalenessMs(System.currentTimeMillis());
    }

    /** The positions this region's copy of the view reflects. */
    public io.meshgate.replication.position.Cursor asOf(String view) {
        return local.get(view).store.asOf();
    }

    /** Whether the view here reflects at least the positions of {@code cursor} (read-your-writes). */
    public boolean reflects(String view, io.meshgate.replication.position.Cursor cursor) {
        return local.get(view).reflects(cursor);
    }

    /** The key as this region's copy of the view has it, enriched, filtered and projected as the view says. */
    ViewAnswer lookup(String view, String key) {
        return reader.lookup(local.get(view), key);
    }

    /** A page of keys in order, starting with {@code prefix}, after {@code after}; {@code next} is where the following page starts. */
    JsonObject scan(String view, String prefix, String after, int limit) {
        return reader.scan(local.get(view), prefix, after, limit);
    }

    /**
     * {@code GET /health/views}: per view built here, how stale it is and its state; numbers and names only, no data,
     * so it is open like the other health endpoints (peers read it to choose where to forward lookups).
     */
    public JsonObject freshness() {
        JsonObject views = new JsonObject();
        stalenessByView().forEach((name, staleness) ->
                views.put(name, new JsonObject().put("stalenessMs", staleness).put("state", staleness == null ? "unknown" : "ready")));
        return new JsonObject().put("region", region).put("views", views);
    }

    /** Per view built here, milliseconds behind, null when not known: for {@code meshgate_view_staleness_seconds}. */
    public Map<String, Long> stalenessByView() {
        long now = System.currentTimeMillis();
        Map<String, Long> staleness = new LinkedHashMap<>();
        local.forEach((name, runtime) -> staleness.put(name, runtime.stalenessMs(now)));
        return staleness;
    }

    /** {@code GET /v1/views}: every view of the mesh, and for those built here their size, staleness and state. */
    public JsonObject list() {
        JsonArray views = new JsonArray();
        long now = System.currentTimeMillis();
        for (ViewConfig config : mesh.views().values()) {
            JsonObject view = new JsonObject().put("name", config.name()).put("stream", config.stream())
                    .put("key", config.key()).put("regions", new JsonArray(regions(config.name())));
            if (config.enrich() != null) {
                view.put("enrich", new JsonObject().put("view", config.enrich().view()).put("on", config.enrich().on())
                        .put("as", config.enrich().as()));
            }
            if (config.where() != null) {
                view.put("where", config.where());
            }
            ViewRuntime runtime = local.get(config.name());
            if (runtime != null) {
                Long staleness = runtime.stalenessMs(now);
                ViewBuilder builder = runtime.builder;
                JsonObject here = new JsonObject().put("size", runtime.store.size()).put("stalenessMs", staleness)
                        .put("builtByThisInstance", builder != null)
                        .put("asOf", ViewAnswer.asOfJson(runtime.store.asOf()));
                if (builder != null) {
                    here.put("state", builder.failure() != null ? "stalled" : staleness == null ? "building" : "ready")
                            .put("lastError", builder.failure())
                            .put("recordsBehind", builder.recordsBehind().values().stream().mapToLong(Long::longValue).sum())
                            .put("unkeyedRecords", builder.unkeyedRecords());
                } else {
                    here.put("state", staleness == null ? "unknown" : "ready");
                }
                view.put("here", here);
            }
            views.add(view);
        }
        return new JsonObject().put("region", region).put("views", views);
    }

    public List<String> names() {
        return new ArrayList<>(mesh.views().keySet());
    }

    @Override
    public synchronized void close() {
        local.values().forEach(view -> {
            if (view.builder != null) {
                view.builder.close();
                view.builder = null;
            }
        });
    }
}
