package io.meshgate.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that need the whole mesh: references between streams and regions, and topic names that
 * would collide inside one region's cluster. Run by {@link MeshConfig}'s constructor on parts that
 * are each valid already.
 */
final class MeshChecks {

    private MeshChecks() {
    }

    static void check(Problems p, Map<String, RegionConfig> regions, Map<String, StreamConfig> streams, LinkSettings links) {
        if (checkReferences(p, regions.keySet(), streams.values())) {
            // Topic clashes are only meaningful once every route points at a real region.
            new TopicClaims(p, links).check(regions.keySet(), streams.values());
        }
    }

    /** Checks that streams name known regions and go somewhere; returns whether every reference resolved. */
    static boolean checkReferences(Problems p, Set<String> regionIds, Collection<StreamConfig> streams) {
        boolean referencesOk = true;
        for (StreamConfig stream : streams) {
            referencesOk &= checkReferences(p, stream, regionIds);
            checkGoesSomewhere(p, stream);
        }
        return referencesOk;
    }

    private static boolean checkReferences(Problems p, StreamConfig stream, Set<String> known) {
        boolean ok = checkKnown(p, stream, Fields.ORIGINS, stream.origins(), known);
        return checkKnown(p, stream, Fields.REPLICATE_TO, stream.replicateTo(), known) && ok;
    }

    private static boolean checkKnown(Problems p, StreamConfig stream, String key, List<String> ids, Set<String> known) {
        boolean ok = true;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!StreamConfig.EVERY_REGION.equals(id) && !known.contains(id)) {
                p.add(Fields.index(Fields.stream(stream.name(), key), i), "stream '" + stream.name() + "': " + key
                        + " names unknown region '" + id + "' " + Suggestions.hint(id, known, "known"));
                ok = false;
            }
        }
        return ok;
    }

    private static void checkGoesSomewhere(Problems p, StreamConfig stream) {
        if (stream.replicatesEverywhere()) {
            return; // even a single-region mesh may sensibly declare "*" and grow later
        }
        boolean anyRoute = stream.replicateTo().stream().anyMatch(stream::replicatesTo);
        p.require(anyRoute, Fields.stream(stream.name(), Fields.REPLICATE_TO), "stream '" + stream.name()
                + "': replicate-to lists only its own origin (" + String.join(", ", stream.replicateTo())
                + "), which never receives its own writes, so the stream would be replicated nowhere;"
                + " list the regions that should receive it, or leave replicate-to out to replicate to every region");
    }

    /** The topics each region's cluster will hold, and who claimed each name first. */
    private static final class TopicClaims {
        private final Problems p;
        private final LinkSettings links;
        private final Set<String> reported = new HashSet<>();

        TopicClaims(Problems p, LinkSettings links) {
            this.p = p;
            this.links = links;
        }

        void check(Set<String> regionIds, Iterable<StreamConfig> streams) {
            for (String region : regionIds) {
                Map<String, Claim> claims = new HashMap<>();
                for (StreamConfig stream : streams) {
                    if (stream.originatesIn(region)) {
                        claim(claims, region, new Claim(stream, stream.topic(), null));
                    }
                    for (String origin : stream.origins()) {
                        if (stream.replicates(origin, region)) {
                            String replica = links.replicaTopic(origin, stream.topic());
                            claim(claims, region, new Claim(stream, replica, origin));
                        }
                    }
                }
            }
        }

        private void claim(Map<String, Claim> claims, String region, Claim claim) {
            String field = Fields.stream(claim.stream.name(), Fields.TOPIC);
            String illegal = NameRules.topicProblem(claim.topic).orElse(null);
            if (illegal != null) {
                report(field, "stream '" + claim.stream.name() + "': " + claim.what() + " is not a legal topic name: " + illegal
                        + "; shorten the topic or change links.replica-topic");
                return;
            }
            Claim first = claims.putIfAbsent(NameRules.collisionKey(claim.topic), claim);
            if (first != null) {
                String alike = first.topic.equals(claim.topic) ? "" : " (Kafka treats '.' and '_' alike in metric names)";
                report(field, "stream '" + claim.stream.name() + "': " + claim.what() + " clashes in region '" + region
                        + "' with " + first.what() + " of stream '" + first.stream.name() + "'" + alike
                        + "; rename a topic or change links.replica-topic");
            }
        }

        private void report(String field, String message) {
            // A clash usually recurs in every receiving region, and one bad topic causes several; the first says it.
            if (reported.add(field)) {
                p.add(field, message);
            }
        }
    }

    /** A topic name taken in one region, by a stream's own topic ({@code origin} null) or by a replica. */
    private record Claim(StreamConfig stream, String topic, String origin) {
        String what() {
            return origin == null ? "topic '" + topic + "'" : "replica topic '" + topic + "' (from '" + origin + "')";
        }
    }
}
