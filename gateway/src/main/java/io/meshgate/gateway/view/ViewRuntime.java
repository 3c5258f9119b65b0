package io.meshgate.gateway.view;

import io.meshgate.replication.position.Cursor;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * One view in this region: its definition, its store, and the builder that keeps the store up to date (null on
 * an instance that does not build it). Knows how stale the view is, from origin heartbeats, not from the last
 * record seen: an idle stream is fresh, and a cut link makes the view stale by how long it has been cut.
 */
final class ViewRuntime {

    final ViewDefinition definition;
    final ViewStore store;
    /** Null while another instance of the region builds the view. */
    volatile ViewBuilder builder;
    private final Map<String, Boolean> originIsLocal;
    private final BiFunction<String, String, Long> replicaLagMs;
    /** The last positions a lookup reflected, and their JSON text: the same for every lookup until the next batch. */
    private volatile AsOfText lastAsOf;

    private record AsOfText(Cursor asOf, String json) {
    }

    /** {@code originIsLocal}: for each origin whose share this region holds, whether it is this region itself. */
    ViewRuntime(ViewDefinition definition, ViewStore store, ViewBuilder builder, Map<String, Boolean> originIsLocal,
                BiFunction<String, String, Long> replicaLagMs) {
        this.definition = definition;
        this.store = store;
        this.builder = builder;
        this.originIsLocal = Map.copyOf(originIsLocal);
        this.replicaLagMs = replicaLagMs;
    }

    /**
     * How far behind the origins the view is, in milliseconds: per origin, the lag of this region's replica (0 for
     * the region's own writes) or of the view's builder, whichever is greater; the worst origin counts. Null when
     * it cannot be told (a replica whose lag is not known here yet).
     */
    Long stalenessMs(long now) {
        ViewBuilder builder = this.builder;
        if (builder != null && builder.failure() != null) {
            return null;  // it cannot read: how far behind it falls is not known
        }
        long worst = 0;
        for (Map.Entry<String, Boolean> origin : originIsLocal.entrySet()) {
            Long replica = origin.getValue() ? Long.valueOf(0L) : replicaLagMs.apply(definition.config().stream(), origin.getKey());
            if (replica == null) {
                return null;
            }
            Long builderLag = builderLagMs(origin.getKey(), now);
            if (builderLag == null) {
                return null;
            }
            worst = Math.max(worst, Math.max(replica, builderLag));
        }
        return worst;
    }

    /**
     * How old what the builder has not applied yet is, for one origin: 0 when it is level with this region's copy,
     * null while it has applied nothing of a backlog (it cannot tell how old the view is then).
     */
    private Long builderLagMs(String origin, long now) {
        ViewBuilder builder = this.builder;
        if (builder == null || builder.recordsBehind().getOrDefault(origin, 0L) == 0) {
            return 0L;
        }
        Long last = builder.lastTimestamps().get(origin);
        return last == null ? null : Math.max(0, now - last);
    }

    /** {@code asOf} as the JSON text of a lookup's {@code asOf}, encoded once per batch of the view, not per lookup. */
    String asOfText(Cursor asOf) {
        AsOfText last = lastAsOf;
        if (last == null || (last.asOf() != asOf && !last.asOf().equals(asOf))) {
            last = new AsOfText(asOf, ViewAnswer.asOfJson(asOf).encode());
            lastAsOf = last;
        }
        return last.json();
    }

    /** Whether the view reflects at least these positions (read-your-writes). */
    boolean reflects(Cursor wanted) {
        Cursor asOf = store.asOf();
        for (Map.Entry<String, Map<Integer, Long>> origin : wanted.next().entrySet()) {
            for (Map.Entry<Integer, Long> partition : origin.getValue().entrySet()) {
                if (asOf.nextOffset(origin.getKey(), partition.getKey()) < partition.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }
}
