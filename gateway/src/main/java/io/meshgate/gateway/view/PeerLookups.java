package io.meshgate.gateway.view;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.RegionConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Asks peer regions' gateways for view keys: gateway to gateway, at the URL links use, never a broker. Every call
 * goes through the peer's {@link PeerGuards}. Also keeps, from a light poll of each peer every couple of seconds,
 * how stale each peer's views are, so a lookup that needs a fresher answer goes where one is.
 */
public final class PeerLookups implements AutoCloseable {

    /** Set on forwarded lookups: the peer answers from its own view and never forwards again. */
    public static final String FORWARDED_HEADER = "X-Meshgate-Forwarded-By";
    private static final long POLL_MS = 2_000;

    /** A peer's answer: its HTTP status and JSON body. */
    record Answer(int status, JsonObject body) {
    }

    /** A failure that should count against the peer: no answer, or an answer saying the peer is broken. */
    static final class PeerFailure extends RuntimeException {
        PeerFailure(String message) {
            super(message);
        }
    }

    private final Vertx vertx;
    private final String region;
    private final MeshConfig mesh;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "meshgate-lookup-guards");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, PeerGuards> guards = new ConcurrentHashMap<>();
    /** Per peer: what it last reported, per view, and when. */
    private final Map<String, Report> peerStaleness = new ConcurrentHashMap<>();

    /** Reports older than this are not trusted: a peer that stopped answering polls is no candidate. */
    private static final long REPORT_TRUSTED_MS = 3_000;

    private record Report(long receivedAt, Map<String, Long> stalenessByView) {
    }
    private long pollTimer = -1;

    public PeerLookups(Vertx vertx, String region, MeshConfig mesh) {
        this.vertx = vertx;
        this.region = region;
        this.mesh = mesh;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) PeerGuards.ATTEMPT_TIMEOUT.toMillis()), new PoolOptions().setHttp1MaxSize(64));
        mesh.regions().keySet().stream().filter(peer -> !peer.equals(region))
                .forEach(peer -> guards.put(peer, new PeerGuards(peer, scheduler)));
    }

    public void start() {
        if (!mesh.views().isEmpty() && !guards.isEmpty()) {
            pollTimer = vertx.setPeriodic(0, POLL_MS, id -> guards.keySet().forEach(this::poll));
        }
    }

    /** {@code pathAndQuery} on {@code peer}'s gateway, behind the peer's guards; completes on the caller's context. */
    Future<Answer> get(String peer, String pathAndQuery, String authorization) {
        Context context = vertx.getOrCreateContext();
        PeerGuards peerGuards = guards.get(peer);
        return Future.fromCompletionStage(peerGuards.run(() -> call(peer, pathAndQuery, authorization).toCompletionStage()), context);
    }

    private Future<Answer> call(String peer, String pathAndQuery, String authorization) {
        RequestOptions request = requestTo(mesh.region(peer), pathAndQuery)
                .setTimeout(PeerGuards.ATTEMPT_TIMEOUT.toMillis()).putHeader(FORWARDED_HEADER, region);
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        return http.request(request)
                .compose(sent -> sent.send())
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), parse(body.toString()))))
                .compose(answer -> answer.status() >= 500 && answer.status() != 503
                        ? Future.failedFuture(new PeerFailure("region '" + peer + "' answered " + answer.status()))
                        : Future.succeededFuture(answer));
    }

    /** A GET of {@code pathAndQuery} on a peer's gateway as its URL gives it: TLS for https, its port, its path prefix. */
    static RequestOptions requestTo(RegionConfig peer, String pathAndQuery) {
        return new RequestOptions().setMethod(HttpMethod.GET).setHost(peer.gateway().getHost())
                .setPort(peer.gatewayPort()).setSsl(peer.gatewayTls()).setURI(peer.gatewayPath(pathAndQuery));
    }

    private static JsonObject parse(String body) {
        try {
            return new JsonObject(body);
        } catch (RuntimeException e) {
            return new JsonObject().put("error", "view.peer.invalid-answer").put("message", "the peer answered: " + body);
        }
    }

    private void poll(String peer) {
        if (guards.get(peer).open()) {
            peerStaleness.remove(peer);  // a peer we fail fast is no candidate
            return;
        }
        call(peer, "/health/views", null).onSuccess(answer -> {
            Map<String, Long> byView = new ConcurrentHashMap<>();
            JsonObject views = answer.body().getJsonObject("views", new JsonObject());
            for (String view : views.fieldNames()) {
                if (views.getJsonObject(view).getValue("stalenessMs") instanceof Number staleness) {
                    byView.put(view, staleness.longValue());
                }
            }
            peerStaleness.put(peer, new Report(System.currentTimeMillis(), byView));
        }).onFailure(failure -> peerStaleness.remove(peer));
    }

    /** How stale {@code peer}'s copy of a view was at its last report; null when not known. */
    Long stalenessAt(String peer, String view) {
        Report report = peerStaleness.get(peer);
        if (report == null || System.currentTimeMillis() - report.receivedAt() > REPORT_TRUSTED_MS) {
            return null;
        }
        return report.stalenessByView().get(view);
    }

    boolean failingFast(String peer) {
        return guards.get(peer).open();
    }

    /** Per peer: its breaker state, for {@code /v1/views}. */
    public JsonObject breakers() {
        JsonObject json = new JsonObject();
        guards.forEach((peer, guard) -> json.put(peer, guard.breakerState()));
        return json;
    }

    @Override
    public void close() {
        vertx.cancelTimer(pollTimer);
        scheduler.shutdownNow();
        http.close();
    }
}
