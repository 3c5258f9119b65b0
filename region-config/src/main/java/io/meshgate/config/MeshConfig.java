package io.meshgate.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The whole mesh: its regions, the streams replicated between them and how links behave. Valid by
 * construction, including references between streams and regions; maps keep declared order.
 *
 * @param name    the mesh name; null means {@value #DEFAULT_NAME}
 * @param regions regions by id, in declared order; at least one
 * @param streams streams by name, in declared order; null means none
 * @param links    link settings; null means {@link LinkSettings#defaults()}
 * @param subscriptions limits and memory bounds for subscribers; null means {@link SubscriptionSettings#defaults()}
 * @param security who may read what; null means the mesh is open (no authentication)
 * @param views    materialized views by name, in declared order; null means none
 */
public record MeshConfig(String name, Map<String, RegionConfig> regions, Map<String, StreamConfig> streams, LinkSettings links,
                         SubscriptionSettings subscriptions, SecurityConfig security, Map<String, ViewConfig> views) {

    public static final String DEFAULT_NAME = "mesh";

    /** An open mesh with default subscription settings: no authentication, anyone who reaches a gateway may read every stream. */
    public MeshConfig(String name, Map<String, RegionConfig> regions, Map<String, StreamConfig> streams, LinkSettings links) {
        this(name, regions, streams, links, null, null, null);
    }

    public MeshConfig {
        Problems p = new Problems();
        name = name == null ? DEFAULT_NAME : name;
        NameRules.checkId(p, Fields.MESH, "mesh name", name);
        regions = regions == null ? Map.of() : regions;
        streams = streams == null ? Map.of() : streams;
        views = views == null ? Map.of() : views;
        links = links == null ? LinkSettings.defaults() : links;
        subscriptions = subscriptions == null ? SubscriptionSettings.defaults() : subscriptions;
        boolean partsOk = p.require(!regions.isEmpty(), Fields.REGIONS,
                "a mesh needs at least one region under 'regions:', each with bootstrap-servers and gateway");
        partsOk &= checkKeys(p, regions, RegionConfig::id, Fields::region, "region");
        partsOk &= checkKeys(p, streams, StreamConfig::name, Fields::stream, "stream");
        partsOk &= checkKeys(p, views, ViewConfig::name, view -> Fields.join(Fields.VIEWS, view), "view");
        if (partsOk) {
            RegionAddressChecks.check(p, regions);
            MeshChecks.check(p, regions, streams, links);
            checkViews(p, streams, views);
            if (security != null) {
                p.require(regions.size() < 2 || security.linksAuthenticated(), Fields.join(Fields.SECURITY, Fields.PEER_LINKS),
                        "with security on, gateways must prove to each other that they belong to the mesh: set"
                                + " security.links.secret-env (an environment variable holding a secret, the same in every"
                                + " region) or security.links.secret-file; without it anyone who reaches /v1/link could"
                                + " read every stream replicated to the region they name");
                java.util.Set<String> readable = new java.util.LinkedHashSet<>(streams.keySet());
                readable.addAll(views.keySet());
                for (String stream : security.readers().keySet()) {
                    p.require(stream.equals(SecurityConfig.EVERY_STREAM) || readable.contains(stream),
                            Fields.join(Fields.join(Fields.SECURITY, Fields.READERS), stream), "security.readers names unknown stream"
                                    + " or view '" + stream + "' " + Suggestions.hint(stream, readable, "streams and views"));
                }
            }
        }
        p.throwIfAny();
        regions = Collections.unmodifiableMap(new LinkedHashMap<>(regions));
        streams = Collections.unmodifiableMap(new LinkedHashMap<>(streams));
        views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
    }

    /** A view is built from a stream of the mesh and enriched, if at all, from another view that is not enriched itself. */
    private static void checkViews(Problems p, Map<String, StreamConfig> streams, Map<String, ViewConfig> views) {
        for (ViewConfig view : views.values()) {
            String at = Fields.join(Fields.VIEWS, view.name());
            p.require(streams.containsKey(view.stream()), Fields.join(at, Fields.STREAM), "view '" + view.name()
                    + "': stream names unknown stream '" + view.stream() + "' " + Suggestions.hint(view.stream(), streams.keySet(), "streams"));
            if (view.enrich() != null) {
                ViewConfig table = views.get(view.enrich().view());
                String enrichAt = Fields.join(Fields.join(at, Fields.ENRICH), Fields.VIEW);
                if (p.require(table != null, enrichAt, "view '" + view.name() + "': enrich.view names unknown view '"
                        + view.enrich().view() + "' " + Suggestions.hint(view.enrich().view(), views.keySet(), "views"))) {
                    p.require(table.enrich() == null, enrichAt, "view '" + view.name() + "': enrich.view '" + table.name()
                            + "' is enriched itself; enrich from a plain view (a table keyed by what enrich.on finds)");
                }
            }
        }
    }

    public boolean secured() {
        return security != null;
    }

    /** Builds a mesh from lists, keying each part by its id; a repeated id is a problem, not an overwrite. */
    public static MeshConfig of(String name, List<RegionConfig> regions, List<StreamConfig> streams, LinkSettings links) {
        Problems p = new Problems();
        Map<String, RegionConfig> regionMap = byKey(p, regions, RegionConfig::id, Fields::region, "region");
        Map<String, StreamConfig> streamMap = byKey(p, streams, StreamConfig::name, Fields::stream, "stream");
        p.throwIfAny();
        return new MeshConfig(name, regionMap, streamMap, links);
    }

    /** The region with this id; throws IllegalArgumentException naming the known ids if there is none. */
    public RegionConfig region(String id) {
        RegionConfig region = regions.get(id);
        if (region == null) {
            throw new IllegalArgumentException("unknown region '" + id + "' " + Suggestions.hint(id, regions.keySet(), "known"));
        }
        return region;
    }

    /** The stream with this name; throws IllegalArgumentException naming the known streams if there is none. */
    public StreamConfig stream(String name) {
        StreamConfig stream = streams.get(name);
        if (stream == null) {
            throw new IllegalArgumentException("unknown stream '" + name + "' " + Suggestions.hint(name, streams.keySet(), "known"));
        }
        return stream;
    }

    /** Every (stream, origin) whose writes {@code regionId} must receive, in declared order. */
    public List<StreamRoute> routesInto(String regionId) {
        region(regionId);
        List<StreamRoute> routes = new ArrayList<>();
        for (StreamConfig stream : streams.values()) {
            for (String origin : stream.origins()) {
                if (stream.replicates(origin, regionId)) {
                    routes.add(new StreamRoute(stream, origin, replicaTopic(stream, origin)));
                }
            }
        }
        return List.copyOf(routes);
    }

    /** The streams producers write in {@code regionId}, in declared order. */
    public List<StreamConfig> streamsOriginatingIn(String regionId) {
        region(regionId);
        return streams.values().stream().filter(stream -> stream.originatesIn(regionId)).toList();
    }

    /** The replica topic for {@code origin}'s writes to {@code stream}, by {@code links.replica-topic}. */
    public String replicaTopic(StreamConfig stream, String origin) {
        if (!stream.originatesIn(origin)) {
            throw new IllegalArgumentException("stream '" + stream.name() + "' does not originate in '" + origin
                    + "' (origins: " + String.join(", ", stream.origins()) + ")");
        }
        return links.replicaTopic(origin, stream.topic());
    }

    /** Every other region, in declared order: the regions {@code regionId} exchanges heartbeats with. */
    public List<String> peersOf(String regionId) {
        region(regionId);
        return regions.keySet().stream().filter(id -> !id.equals(regionId)).toList();
    }

    private static <T> boolean checkKeys(Problems p, Map<String, T> parts, Function<T, String> id,
                                         Function<String, String> path, String kind) {
        boolean ok = true;
        for (Map.Entry<String, T> entry : parts.entrySet()) {
            T part = entry.getValue();
            ok &= p.require(part != null, path.apply(entry.getKey()), kind + " '" + entry.getKey() + "' has no definition");
            ok &= part == null || p.require(entry.getKey().equals(id.apply(part)), path.apply(entry.getKey()),
                    kind + " '" + id.apply(part) + "' is filed under the key '" + entry.getKey() + "'; the key must be its id");
        }
        return ok;
    }

    private static <T> Map<String, T> byKey(Problems p, List<T> parts, Function<T, String> id,
                                            Function<String, String> path, String kind) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T part : parts == null ? List.<T>of() : parts) {
            String key = id.apply(part);
            p.require(map.putIfAbsent(key, part) == null, path.apply(key), kind + " '" + key + "' is defined twice");
        }
        return map;
    }
}
