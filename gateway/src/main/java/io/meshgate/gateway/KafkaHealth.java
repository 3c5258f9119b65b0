package io.meshgate.gateway;

import io.meshgate.observability.Events;
import io.meshgate.observability.HealthCheckResult;
import io.meshgate.replication.LocalCluster;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the region's Kafka cluster every few seconds and remembers the answer, so readiness checks read a
 * value instead of making a request, and a flapping cluster is logged once per change rather than per probe.
 */
final class KafkaHealth {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaHealth.class);
    private static final long PROBE_INTERVAL_MS = 2_000;

    private final Vertx vertx;
    private final LocalCluster cluster;
    private volatile HealthCheckResult last = HealthCheckResult.down("kafka", "not probed yet");
    // Started on an event loop, possibly stopped from another thread (a failed start): both under this lock.
    private long timer = -1;
    private boolean stopped;

    KafkaHealth(Vertx vertx, LocalCluster cluster) {
        this.vertx = vertx;
        this.cluster = cluster;
    }

    synchronized void start() {
        if (stopped) {
            return;
        }
        probe();
        timer = vertx.setPeriodic(PROBE_INTERVAL_MS, id -> probe());
    }

    synchronized void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    HealthCheckResult check() {
        return last;
    }

    private void probe() {
        String servers = cluster.region().bootstrapServers();
        cluster.probe()
                .onSuccess(v -> update(HealthCheckResult.up("kafka", servers)))
                .onFailure(failure -> update(HealthCheckResult.down("kafka", servers + ": " + failure.getMessage())));
    }

    private void update(HealthCheckResult next) {
        if (next.status() != last.status()) {
            Events.info(LOG, "kafka.health.changed", "region", cluster.regionId(), "status", next.status(),
                    "detail", next.detail());
        }
        last = next;
    }
}
