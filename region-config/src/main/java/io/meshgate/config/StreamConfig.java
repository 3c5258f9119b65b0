package io.meshgate.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A logical, global stream: which regions write it and which regions receive replicas of it.
 *
 * @param name        the stream name, such as {@code orders}; also the key under {@code streams:}
 * @param topic       the local topic producers write in each origin; null means the stream name
 * @param origins     the regions where producers write the stream, in declared order; never empty
 * @param replicateTo the regions that receive replicas, or the single entry {@value #EVERY_REGION}
 *                    meaning every region; null means {@value #EVERY_REGION}
 */
public record StreamConfig(String name, String topic, List<String> origins, List<String> replicateTo) {

    /** The {@code replicate-to} entry that means every region of the mesh. */
    public static final String EVERY_REGION = "*";

    public StreamConfig {
        Problems p = new Problems();
        String entity = "stream '" + name + "'";
        NameRules.checkId(p, Fields.stream(name), "stream name", name);
        topic = topic == null ? name : topic;
        if (topic != null) {
            String reason = NameRules.topicProblem(topic).orElse(null);
            p.require(reason == null, Fields.stream(name, Fields.TOPIC), entity + ": topic '" + topic + "' is not legal: " + reason);
        }
        String originsField = Fields.stream(name, Fields.ORIGINS);
        if (p.require(origins != null && !origins.isEmpty(), originsField,
                entity + ": origins must name at least one region, the one(s) where producers write '" + topic + "'")) {
            checkRegionIds(p, originsField, entity, Fields.ORIGINS, origins, false);
        }
        replicateTo = replicateTo == null ? List.of(EVERY_REGION) : replicateTo;
        String targetsField = Fields.stream(name, Fields.REPLICATE_TO);
        if (p.require(!replicateTo.isEmpty(), targetsField, entity
                + ": replicate-to is empty, so the stream would go nowhere; list region ids, or leave it out to replicate to every region")) {
            checkRegionIds(p, targetsField, entity, Fields.REPLICATE_TO, replicateTo, true);
        }
        p.throwIfAny();
        origins = List.copyOf(origins);
        replicateTo = List.copyOf(replicateTo);
    }

    private static void checkRegionIds(Problems p, String field, String entity, String key, List<String> ids, boolean starAllowed) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String at = Fields.index(field, i);
            if (starAllowed && EVERY_REGION.equals(id)) {
                p.require(ids.size() == 1, at, entity + ": '*' already means every region; remove the other " + key + " entries");
            } else if (id == null || !NameRules.isId(id)) {
                p.add(at, entity + ": " + key + " entry '" + id + "' is not a region id: " + NameRules.ID_RULE);
            } else {
                p.require(seen.add(id), at, entity + ": " + key + " lists region '" + id + "' twice");
            }
        }
    }

    /** Whether {@code replicate-to} is {@value #EVERY_REGION}. */
    public boolean replicatesEverywhere() {
        return replicateTo.contains(EVERY_REGION);
    }

    /** Whether producers write this stream in {@code region}. */
    public boolean originatesIn(String region) {
        return origins.contains(region);
    }

    /**
     * Whether {@code region} receives replicas of this stream: it is a target (listed in
     * {@code replicate-to}, or that is {@value #EVERY_REGION}) and some origin other than itself
     * exists. A region never receives a replica of its own writes, so a single-origin stream never
     * replicates into its origin; with several origins, each origin that is a target receives the
     * others' writes, which is what lets a cursor resume in any region. A stream does not know the
     * mesh's regions, so with {@value #EVERY_REGION} any id answers true; {@link MeshConfig#routesInto}
     * checks the id.
     */
    public boolean replicatesTo(String region) {
        return origins.stream().anyMatch(origin -> replicates(origin, region));
    }

    /** Whether the writes made in {@code origin} are replicated into {@code region}. */
    public boolean replicates(String origin, String region) {
        return origins.contains(origin) && !origin.equals(region) && targets(region);
    }

    private boolean targets(String region) {
        return replicatesEverywhere() || replicateTo.contains(region);
    }
}
