package io.meshgate.chaos.scenarios;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a test needs from a gateway's {@code /v1/mesh} and {@code /metrics} answers. */
final class MeshProbe {

    private MeshProbe() {
    }

    /**
     * One replica as {@code /v1/mesh} reports it, summed over its partitions.
     *
     * @param replicated    records committed to the replica: the sum of {@code replicatedNextOffset} (origin offsets
     *                      start at 0 and have no gaps for a non-transactional origin producer)
     * @param originEnd     the sum of the origin log end offsets last heard in heartbeats, or -1 before the first
     * @param recordsBehind the replica's total, or -1 while some partition is unknown
     * @param linkState     state of the link to the replica's origin
     */
    record Replica(long replicated, long originEnd, long recordsBehind, String linkState, String state) {

        /** Caught up with everything the origin reported, and the origin reported {@code records}. */
        boolean complete(long records) {
            return originEnd == records && replicated == records && recordsBehind == 0;
        }
    }

    /** The first replica in a {@code /v1/mesh} body (these scenarios have one stream from one origin). */
    static Replica replica(String meshJson) {
        JsonObject mesh = new JsonObject(meshJson);
        JsonArray replicas = mesh.getJsonArray("replicas");
        if (replicas.isEmpty()) {
            return new Replica(0, -1, -1, linkState(mesh), "none");
        }
        JsonObject replica = replicas.getJsonObject(0);
        long replicated = 0;
        long originEnd = 0;
        boolean endKnown = !replica.getJsonArray("partitions").isEmpty();
        for (Object entry : replica.getJsonArray("partitions")) {
            JsonObject partition = (JsonObject) entry;
            replicated += Math.max(0, partition.getLong("replicatedNextOffset"));
            long end = partition.getLong("originLogEndOffset");
            endKnown &= end >= 0;
            originEnd += Math.max(0, end);
        }
        Long behind = replica.getLong("recordsBehind");
        return new Replica(replicated, endKnown ? originEnd : -1, behind == null ? -1 : behind, linkState(mesh),
                replica.getString("state"));
    }

    private static String linkState(JsonObject mesh) {
        return mesh.getJsonArray("peers").getJsonObject(0).getJsonObject("link").getString("state");
    }

    /** {@code meshgate_link_reconnects_total} for one peer; 0 when the counter was never incremented. */
    static long reconnects(String metrics, String peer) {
        Matcher matcher = Pattern.compile("^meshgate_link_reconnects_total\\{[^}]*peer=\"" + Pattern.quote(peer)
                + "\"[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }

    /** {@code meshgate_replication_transactions_total} with the given outcome; 0 when absent. */
    static long transactions(String metrics, String outcome) {
        Matcher matcher = Pattern.compile("^meshgate_replication_transactions_total\\{[^}]*outcome=\"" + Pattern.quote(outcome)
                + "\"[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }
}
