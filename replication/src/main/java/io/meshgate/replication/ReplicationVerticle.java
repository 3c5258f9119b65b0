package io.meshgate.replication;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamRoute;
import io.meshgate.observability.MeshMetrics;
import io.meshgate.replication.protocol.LinkCredentials;
import io.meshgate.replication.replica.LinkStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;

import java.util.List;
import java.util.function.Predicate;

/**
 * Runs this region's {@link ReplicationService} on a context of its own. Other threads read its state through
 * {@link #status()} (a hop onto that context) or {@link #lastStatus()} (a snapshot refreshed every heartbeat
 * interval and on every link state change, cheap enough for metric callbacks and readiness checks).
 */
public final class ReplicationVerticle extends VerticleBase {

    private final MeshConfig mesh;
    private final LocalCluster cluster;
    private final String instanceId;
    private final MeshMetrics metrics;
    private final Predicate<StreamRoute> owns;
    private final LinkCredentials credentials;
    private volatile ReplicationService service;
    private volatile List<LinkStatus> lastStatus = List.of();

    /** {@code owns} selects the routes this instance replicates at start; all of them unless instances share work. */
    public ReplicationVerticle(MeshConfig mesh, LocalCluster cluster, String instanceId, MeshMetrics metrics,
                               LinkCredentials credentials, Predicate<StreamRoute> owns) {
        this.credentials = credentials;
        this.owns = owns;
        this.mesh = mesh;
        this.cluster = cluster;
        this.instanceId = instanceId;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        // Refreshed on every link state change too, so readiness never reports a dead link as up.
        service = new ReplicationService(vertx, mesh, cluster, instanceId, metrics, credentials, owns, () -> {
            if (service != null) {
                lastStatus = service.status();
            }
        });
        long interval = mesh.links().heartbeatInterval().toMillis();
        vertx.setPeriodic(interval, id -> lastStatus = service.status());
        return service.start().onSuccess(v -> lastStatus = service.status());
    }

    @Override
    public Future<?> stop() {
        return service == null ? Future.succeededFuture() : service.stop();
    }

    /** A fresh status, read on the replication context; the last snapshot (empty) while not deployed yet. */
    public Future<List<LinkStatus>> status() {
        if (context == null || service == null) {
            return Future.succeededFuture(lastStatus);
        }
        Promise<List<LinkStatus>> promise = Promise.promise();
        context.runOnContext(v -> promise.complete(service.status()));
        return promise.future();
    }

    /** Applies a reloaded config on the replication context; see {@link ReplicationService#update}. */
    public Future<List<String>> update(MeshConfig reloaded) {
        Promise<List<String>> promise = Promise.promise();
        context.runOnContext(v -> service.update(reloaded).onComplete(promise));
        return promise.future();
    }

    /** Narrows this instance's work to the routes {@code owns} accepts; see {@link ReplicationService#setOwnership}. */
    public Future<List<String>> setOwnership(Predicate<StreamRoute> owns) {
        Promise<List<String>> promise = Promise.promise();
        context.runOnContext(v -> service.setOwnership(owns).onComplete(promise));
        return promise.future();
    }

    /** The status as of the last heartbeat interval; safe from any thread. */
    public List<LinkStatus> lastStatus() {
        return lastStatus;
    }
}
