package io.meshgate.gateway;

import io.meshgate.config.MeshConfig;
import io.meshgate.gateway.cluster.WorkOwnership;
import io.meshgate.gateway.http.HttpVerticle;
import io.meshgate.gateway.security.ClientAuth;
import io.meshgate.gateway.security.LinkSecrets;
import io.meshgate.gateway.reload.ConfigReloadVerticle;
import io.meshgate.gateway.view.ViewService;
import io.meshgate.observability.Events;
import io.meshgate.observability.HealthCheckResult;
import io.meshgate.observability.HealthRegistry;
import io.meshgate.observability.HealthStatus;
import io.meshgate.observability.MeshMetrics;
import io.meshgate.observability.ServingMetrics;
import io.meshgate.observability.Telemetry;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.ReplicationVerticle;
import io.meshgate.replication.protocol.LinkCredentials;
import io.meshgate.replication.origin.OriginService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One running gateway: its telemetry, its local Kafka cluster, the replication verticle (links out to origin
 * peers) and the HTTP verticle (endpoints, and links in from peers). Several can share one Vert.x instance, as
 * the demo does with one per region.
 */
public final class MeshGateway {

    private static final Logger LOG = LoggerFactory.getLogger(MeshGateway.class);

    private final Vertx vertx;
    private final GatewaySettings settings;
    private final Telemetry telemetry;
    private final LocalCluster cluster;
    private final KafkaHealth kafkaHealth;
    private final HealthRegistry health = new HealthRegistry();
    private final WorkOwnership ownership;
    private ReplicationVerticle replication;
    private ViewService views;
    private ConfigReloadVerticle reloader;
    private OriginService origin;
    private HttpVerticle http;
    private String replicationDeployment;
    private String httpDeployment;
    private String reloaderDeployment;

    private MeshGateway(Vertx vertx, GatewaySettings settings, WorkOwnership ownership) {
        this.vertx = vertx;
        this.ownership = ownership;
        this.settings = settings;
        this.telemetry = Telemetry.create(settings.region(), settings.instanceId());
        this.cluster = new LocalCluster(vertx, settings.regionConfig());
        this.kafkaHealth = new KafkaHealth(vertx, cluster);
    }

    /** Starts a gateway that does all of its region's work; completes once it serves HTTP and its links start. */
    public static Future<MeshGateway> start(Vertx vertx, GatewaySettings settings) {
        return start(vertx, settings, null);
    }

    /**
     * Starts one of several instances of a region, doing the share of the work {@code ownership} gives it and
     * taking over more when other instances leave. {@code vertx} must be the region cluster's clustered instance.
     */
    public static Future<MeshGateway> start(Vertx vertx, GatewaySettings settings, WorkOwnership ownership) {
        MeshGateway gateway = new MeshGateway(vertx, settings, ownership);
        // Fails only once what did start is stopped again: a caller that closes Vert.x on failure must not race
        // the undeploying (Vert.x then logs "Already undeployed" with a stack trace).
        return gateway.deploy().map(gateway)
                .recover(failure -> gateway.stop().transform(stopped -> Future.failedFuture(failure)));
    }

    private Future<Void> deploy() {
        MeshMetrics metrics = new MeshMetrics(telemetry.meter());
        LinkCredentials linkCredentials;
        try {
            linkCredentials = LinkSecrets.load(settings.mesh().security(), System::getenv);
        } catch (IllegalStateException e) {
            return Future.failedFuture(e);
        }
        replication = new ReplicationVerticle(settings.mesh(), cluster, settings.instanceId(), metrics, linkCredentials,
                ownership == null ? route -> true : ownership.current());
        origin = new OriginService(vertx, cluster, settings.mesh(), linkCredentials, metrics);
        reloader = settings.configFile() == null ? null
                : new ConfigReloadVerticle(settings.configFile(), settings.mesh(), this::applyMesh);
        ClientAuth clientAuth;
        try {
            clientAuth = ClientAuth.create(vertx, settings.mesh().security(), () -> currentMesh().security());
        } catch (IllegalStateException e) {
            return Future.failedFuture(e);
        }
        try {
            views = new ViewService(vertx, settings.region(), cluster, settings.mesh(), replication, ownership);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);  // a view's where or fields cannot be used: the message names the view
        }
        http = new HttpVerticle(settings, this::currentMesh, telemetry, health, cluster, origin, replication, reloader,
                ownership == null ? List::of : ownership::memberAddresses, clientAuth, views);
        registerHealth(metrics);
        // Its first probe loads the Kafka admin's request classes: on an event loop, beside the deployments.
        vertx.runOnContext(v -> kafkaHealth.start());
        // Independent: links out may dial before this gateway listens, and the HTTP verticle reads replication
        // state only through calls that answer before the replication verticle has started.
        Future<String> replicationDeployed = vertx.deployVerticle(replication).onSuccess(id -> replicationDeployment = id);
        Future<String> httpDeployed = vertx.deployVerticle(http).onSuccess(id -> httpDeployment = id);
        return Future.join(replicationDeployed, httpDeployed)
                .compose(both -> reloader == null ? Future.succeededFuture("") : vertx.deployVerticle(reloader))
                .map(id -> {
                    reloaderDeployment = reloader == null ? null : id;
                    views.start();
                    if (ownership != null) {
                        ownership.watch(owns -> replication.setOwnership(owns));
                    }
                    Events.info(LOG, "gateway.started", "region", settings.region(), "instance", settings.instanceId(),
                            "url", url(), "kafka", settings.regionConfig().bootstrapServers());
                    return null;
                });
    }

    private void registerHealth(MeshMetrics metrics) {
        health.registerLiveness("event-loop", () -> HealthCheckResult.up("event-loop"));
        health.registerReadiness("kafka", kafkaHealth::check);
        health.registerReadiness("links", () -> {
            String down = replication.lastStatus().stream()
                    .filter(link -> !"up".equals(link.state()))
                    .map(link -> link.peer() + "=" + link.state())
                    .collect(Collectors.joining(", "));
            return down.isEmpty() ? HealthCheckResult.up("links") : HealthCheckResult.down("links", "not up: " + down);
        });
        metrics.registerLinkStates(List.of("connecting", "up", "down", "stopped"), () ->
                replication.lastStatus().stream().collect(Collectors.toMap(link -> link.peer(), link -> link.state())));
        metrics.registerRecordsBehind(() -> RecordsBehindRows.of(replication.lastStatus()));
        metrics.registerTimeBehind(() -> RecordsBehindRows.timeBehind(replication.lastStatus()));
        metrics.registerKafkaUp(() -> kafkaHealth.check().status() == HealthStatus.UP);
        ServingMetrics serving = new ServingMetrics(telemetry.meter());
        serving.registerViewStaleness(views::stalenessByView);
        serving.registerSubscriptionsOpen(http::openSubscriptions);
    }

    /** The config in effect: the one it started with, or the last one reloaded. */
    public MeshConfig currentMesh() {
        return reloader == null ? settings.mesh() : reloader.current();
    }

    /** Puts a reloaded config into effect: links out start and stop streams, links in serve what is allowed now. */
    private Future<List<String>> applyMesh(MeshConfig reloaded) {
        origin.updateMesh(reloaded);
        return replication.update(reloaded);
    }

    /** The base URL this gateway serves, with the port actually bound. */
    public String url() {
        return (settings.tls() == null ? "http://" : "https://") + settings.listenHost() + ":"
                + (http == null ? settings.listenPort() : http.actualPort());
    }

    public int port() {
        return http.actualPort();
    }

    public GatewaySettings settings() {
        return settings;
    }

    public Future<Void> stop() {
        kafkaHealth.stop();
        Future<Void> undeployReloader = reloaderDeployment == null ? Future.succeededFuture() : vertx.undeploy(reloaderDeployment);
        return undeployReloader
                .compose(v -> httpDeployment == null ? Future.succeededFuture() : vertx.undeploy(httpDeployment))
                .eventually(() -> {
                    if (views != null) {
                        views.close();
                    }
                    return Future.succeededFuture();
                })
                .compose(v -> replicationDeployment == null ? Future.succeededFuture() : vertx.undeploy(replicationDeployment))
                .eventually(cluster::close)
                .eventually(() -> {
                    telemetry.close();
                    Events.info(LOG, "gateway.stopped", "region", settings.region(), "instance", settings.instanceId());
                    return Future.succeededFuture();
                });
    }
}
