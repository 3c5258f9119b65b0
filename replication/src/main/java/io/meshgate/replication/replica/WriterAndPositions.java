package io.meshgate.replication.replica;

import io.meshgate.config.StreamRoute;
import io.meshgate.replication.LocalCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * What a replicator needs before it can subscribe: its writers open, one per {@link GroupCommit} lane, and then its
 * committed positions read from the store into its {@link ReplicaProgress}. The writers first: their inits fence any
 * other writer of this stream (a crashed process, an instance that lost this work to another), so positions read
 * after them cannot be moved on by anyone else. Each step is skipped while its result still holds: the writers while
 * the group commit has them, the positions until new writers were opened or a commit's outcome is unknown.
 *
 * <p>Confined to the replicator's event loop; the Kafka and store calls run on worker threads.
 */
final class WriterAndPositions {

    private final Vertx vertx;
    private final LocalCluster cluster;
    private final PositionStore store;
    private final StreamRoute route;
    private final GroupCommit commits;
    private final ReplicaProgress progress;
    private boolean positionsLoaded;
    /** The attempt under way, or the last one; shared by whoever needs it first. */
    private Future<Void> attempt;

    WriterAndPositions(Vertx vertx, LocalCluster cluster, PositionStore store, StreamRoute route, GroupCommit commits,
                       ReplicaProgress progress) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.store = store;
        this.route = route;
        this.commits = commits;
        this.progress = progress;
    }

    /** One attempt at a time, joined while it runs: two at once would open writers that fence each other. */
    Future<Void> ready() {
        if (attempt == null || attempt.isComplete()) {
            attempt = openWriter().compose(opened -> loadPositions());
        }
        return attempt;
    }

    /** A commit failed: it may or may not have happened, so the store must be read again to say which. */
    void forgetPositions() {
        positionsLoaded = false;
    }

    private Future<Void> loadPositions() {
        if (positionsLoaded) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> store.load(stream(), route.origin()), false).map(loaded -> {
            progress.loaded(loaded);
            positionsLoaded = true;
            return null;
        });
    }

    private Future<Void> openWriter() {
        if (commits.hasWriter()) {
            return Future.succeededFuture();
        }
        positionsLoaded = false;  // new writers may have fenced someone who committed since we last read
        List<Future<ReplicaWriter>> lanes = new ArrayList<>();
        for (int lane = 0; lane < GroupCommit.LANES; lane++) {
            lanes.add(openLane(lane));  // side by side: each init is a round trip or two to the coordinator
        }
        return Future.join(lanes).transform(opened -> {
            List<ReplicaWriter> writers = lanes.stream().filter(Future::succeeded).map(Future::result).toList();
            if (opened.failed()) {
                writers.forEach(writer -> vertx.executeBlocking(() -> {
                    writer.close();
                    return null;
                }, false));
                return Future.failedFuture(opened.cause());
            }
            commits.use(writers);
            return Future.succeededFuture();
        });
    }

    private Future<ReplicaWriter> openLane(int lane) {
        return vertx.executeBlocking(() -> {
            ReplicaWriter opened = new ReplicaWriter(cluster, stream(), route.origin(), route.replicaTopic(), lane);
            try {
                opened.init();
                return opened;
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }, false);
    }

    private String stream() {
        return route.stream().name();
    }
}
