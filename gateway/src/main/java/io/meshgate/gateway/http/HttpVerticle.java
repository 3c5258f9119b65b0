package io.meshgate.gateway.http;

import io.meshgate.config.MeshConfig;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.catalog.StreamSampler;
import io.meshgate.gateway.reload.ConfigReloadVerticle;
import io.meshgate.gateway.security.ClientAuth;
import io.meshgate.gateway.subscribe.Subscriptions;
import io.meshgate.gateway.view.ViewEndpoints;
import io.meshgate.gateway.view.ViewService;
import io.meshgate.observability.HealthRegistry;
import io.meshgate.observability.HealthReport;
import io.meshgate.observability.Telemetry;
import io.meshgate.replication.LocalCluster;
import io.meshgate.replication.ReplicationVerticle;
import io.meshgate.replication.origin.OriginService;
import io.meshgate.replication.protocol.LinkProtocol;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The gateway's HTTP face: health, metrics, mesh status, and the WebSocket endpoint where peer gateways open
 * links. Every answer, including errors, is JSON with a message a person can act on.
 */
public final class HttpVerticle extends VerticleBase {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
    private static final int MAX_WEBSOCKET_FRAME_BYTES = 1 << 20;
    private static final List<String> GET_ENDPOINTS = List.of("/v1/mesh", "/v1/streams", "/v1/views", "/health/live",
            "/health/ready", "/health/views", "/metrics", LinkProtocol.PATH);

    private final GatewaySettings settings;
    private final Telemetry telemetry;
    private final HealthRegistry health;
    private final OriginService origin;
    private final LocalCluster cluster;
    private final Supplier<MeshConfig> mesh;
    private final ConfigReloadVerticle reloader;
    private final Supplier<List<String>> clusterMembers;
    private final ClientAuth clientAuth;
    private final ReplicationVerticle replication;
    private final HttpAccess access;
    private StreamSampler sampler;
    private HttpListeners listeners;
    private volatile Subscriptions subscriptions;
    private final ViewService views;

    public HttpVerticle(GatewaySettings settings, Supplier<MeshConfig> mesh, Telemetry telemetry, HealthRegistry health,
                        LocalCluster cluster, OriginService origin, ReplicationVerticle replication,
                        ConfigReloadVerticle reloader, Supplier<List<String>> clusterMembers, ClientAuth clientAuth,
                        ViewService views) {
        this.views = views;
        this.clientAuth = clientAuth;
        this.clusterMembers = clusterMembers;
        this.cluster = cluster;
        this.mesh = mesh;
        this.reloader = reloader;
        this.settings = settings;
        this.telemetry = telemetry;
        this.health = health;
        this.origin = origin;
        this.replication = replication;
        this.access = new HttpAccess(clientAuth);
    }

    @Override
    public Future<?> start() {
        subscriptions = new Subscriptions(vertx, cluster, mesh, clientAuth, views::replicaLagMs);
        ViewEndpoints viewEndpoints = views.endpoints(clientAuth);
        sampler = StreamSampler.create(cluster);
        StreamCatalogHandler catalog = new StreamCatalogHandler(settings, mesh, replication, access, sampler);
        WatermarksHandler watermarks = new WatermarksHandler(settings, mesh, cluster, origin, replication, access);
        WebSocketEndpoints webSockets = new WebSocketEndpoints(subscriptions, origin);
        listeners = new HttpListeners(vertx);
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.listenHost())
                .setPort(settings.listenPort())
                // Outgoing link batches go out as one frame each (no fragmenting, no re-assembly copy at the
                // receiver); the same cap bounds what any WebSocket client may send us in one frame.
                .setMaxWebSocketFrameSize(MAX_WEBSOCKET_FRAME_BYTES)
                .setMaxWebSocketMessageSize(MAX_WEBSOCKET_FRAME_BYTES);
        if (settings.tls() != null) {
            settings.tls().applyTo(options);
        }
        return listeners.listen(settings.httpLoops(), options, () -> routes(viewEndpoints, catalog, watermarks), webSockets::handshake)
                .recover(failure -> Future.failedFuture(new IllegalStateException("cannot listen on "
                        + settings.listenHost() + ":" + settings.listenPort() + " for region '" + settings.region()
                        + "': " + failure.getMessage() + " (" + listenHint(failure, settings) + ")", failure)));
    }

    /** What usually causes a failed bind, judged from the OS's message (Netty gives no error code). */
    private static String listenHint(Throwable failure, GatewaySettings settings) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("Cannot assign requested address")) {
            return "this host has no such address: give --listen one of its addresses, or 0.0.0.0 for all of them";
        }
        if (message.contains("Permission denied")) {
            return "ports below 1024 need privileges: use a higher port, or put a load balancer in front";
        }
        if (settings.tls() != null && !message.contains("Address already in use")) {
            return "is " + settings.tls().certFile() + " a PEM certificate chain and " + settings.tls().keyFile()
                    + " its unencrypted PEM private key?";
        }
        return "is another gateway already running there?";
    }

    /** WebSocket subscriptions open on this instance; 0 before the verticle started. Safe from any thread. */
    public int openSubscriptions() {
        Subscriptions current = subscriptions;
        return current == null ? 0 : current.open();
    }

    /** One server's router; every server gets its own, with the same handlers. */
    private Router routes(ViewEndpoints viewEndpoints, StreamCatalogHandler catalog, WatermarksHandler watermarks) {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> sendHealth(ctx, health.check(HealthRegistry.Kind.LIVENESS)));
        router.get("/health/ready").handler(ctx -> sendHealth(ctx, health.check(HealthRegistry.Kind.READINESS)));
        router.get("/metrics").handler(this::sendMetrics);
        router.get("/v1/mesh").handler(this::sendMesh);
        router.get("/v1/streams").handler(catalog::list);
        router.get("/v1/streams/:stream").handler(catalog::one);
        router.get("/v1/streams/:stream/subscribe").handler(this::subscribe);
        router.get("/health/views").handler(viewEndpoints::freshness);
        router.get("/v1/views").handler(viewEndpoints::list);
        router.get("/v1/views/:view/keys").handler(viewEndpoints::scan);
        router.get("/v1/views/:view/keys/:key").handler(viewEndpoints::lookup);
        router.get("/v1/streams/:stream/watermarks").handler(watermarks);
        router.post("/v1/admin/reload").handler(this::reload);
        // The status page: static, from the gateway jar, open to all; it reads the JSON endpoints above, with the
        // token it is given as ?access_token= when the mesh is secured.
        router.get("/").handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false));
        router.get(LinkProtocol.PATH).handler(this::acceptLink);
        router.route().last().handler(this::noSuchEndpoint);
        router.errorHandler(500, ctx -> Errors.send(ctx, 500, "http.internal-error",
                "internal error: " + (ctx.failure() == null ? "unknown" : ctx.failure().getMessage())));
        return router;
    }

    @Override
    public Future<?> stop() {
        // Peers are told we are going away, so they reconnect elsewhere at once instead of waiting out a timeout;
        // then the server gets a short grace period rather than Vert.x's default of waiting for every socket.
        origin.closeAll();
        if (subscriptions != null) {
            subscriptions.close();
        }

        Future<Void> closeSampler = sampler == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            sampler.close();
            return null;
        }, false);
        return closeSampler.eventually(() -> listeners == null ? Future.succeededFuture() : listeners.shutdown(SHUTDOWN_GRACE));
    }

    public int actualPort() {
        int actual = listeners == null ? -1 : listeners.actualPort();
        return actual > 0 ? actual : settings.listenPort();
    }

    private void noSuchEndpoint(RoutingContext ctx) {
        String path = ctx.request().path();
        if (GET_ENDPOINTS.contains(path) || path.matches("/v1/streams/[^/]+(/watermarks)?")) {
            ctx.response().putHeader("Allow", "GET");
            Errors.send(ctx, 405, "http.method-not-allowed", ctx.request().method() + " is not allowed on " + path + "; use GET");
        } else if (path.equals("/v1/admin/reload")) {
            ctx.response().putHeader("Allow", "POST");
            Errors.send(ctx, 405, "http.method-not-allowed", ctx.request().method() + " is not allowed on " + path + "; use POST");
        } else {
            Errors.send(ctx, 404, "http.not-found", "no endpoint " + ctx.request().method() + " " + path
                    + "; endpoints: " + String.join(", ", GET_ENDPOINTS) + ", /v1/streams/{stream}, /v1/streams/{stream}/watermarks");
        }
    }

    /** Only plain requests get here: the server upgrades WebSockets itself ({@link WebSocketEndpoints}). */
    private void subscribe(RoutingContext ctx) {
        Errors.send(ctx, 400, "subscribe.upgrade-required", "subscriptions are WebSocket connections: connect to"
                + " ws://<gateway>" + ctx.request().path() + "?from=earliest&credit=100");
    }

    private void acceptLink(RoutingContext ctx) {
        Errors.send(ctx, 400, "link.upgrade-required", LinkProtocol.PATH
                + " is the gateway link endpoint: only peer gateways connect here, over WebSocket");
    }

    private void reload(RoutingContext ctx) {
        access.admin(ctx).onSuccess(admin -> reloadAs(ctx)).onFailure(failure -> HttpAccess.fail(ctx, failure));
    }

    private void reloadAs(RoutingContext ctx) {
        if (reloader == null) {
            Errors.send(ctx, 409, "config.reload.unavailable", "this gateway was not started from a config file, so there is"
                    + " nothing to reload; start it with 'meshgate run --config FILE'");
            return;
        }
        reloader.reload("admin-api").onSuccess(outcome -> ctx.response()
                .setStatusCode(outcome.kind().httpStatus)
                .putHeader("Content-Type", "application/json")
                .end(outcome.toJson().encodePrettily()))
                .onFailure(ctx::fail);
    }

    private void sendHealth(RoutingContext ctx, HealthReport report) {
        ctx.response()
                .setStatusCode(report.isUp() ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject(report.toJsonMap()).encodePrettily());
    }

    private void sendMetrics(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", Telemetry.PROMETHEUS_CONTENT_TYPE)
                .end(telemetry.scrapePrometheusText());
    }

    /** Any authenticated client may see the mesh status: it names regions and topics, not data. */
    private void sendMesh(RoutingContext ctx) {
        access.client(ctx).compose(client -> replication.status())
                .map(links -> MeshStatusJson.of(settings, links, origin.servedLinks(),
                        health.check(HealthRegistry.Kind.READINESS), clusterMembers.get())
                        .put("subscriptions", subscriptions.status()))
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encodePrettily()))
                .onFailure(failure -> HttpAccess.fail(ctx, failure));
    }
}
