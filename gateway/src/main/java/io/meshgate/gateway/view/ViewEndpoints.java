package io.meshgate.gateway.view;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.Suggestions;
import io.meshgate.config.ViewConfig;
import io.meshgate.gateway.security.AuthException;
import io.meshgate.gateway.security.ClientAuth;
import io.meshgate.observability.Events;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * {@code GET /v1/views}, {@code GET /v1/views/{view}/keys/{key}} and {@code GET /v1/views/{view}/keys}: lookups
 * answered from this region's view when it is fresh enough, otherwise forwarded to a region that is (or the one
 * asked for), with every answer saying where it came from, which positions it reflects and how stale it is.
 */
public final class ViewEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(ViewEndpoints.class);
    private static final int MAX_KEY_LENGTH = 4_096;

    private final String region;
    private final MeshConfig mesh;
    private final Views views;
    private final PeerLookups peers;
    private final ClientAuth auth;
    private final ReadYourWrites readYourWrites;
    private final io.vertx.core.Vertx vertx;
    private final Forwarding forwarding;

    public ViewEndpoints(io.vertx.core.Vertx vertx, String region, MeshConfig mesh, Views views, PeerLookups peers, ClientAuth auth) {
        this.region = region;
        this.mesh = mesh;
        this.views = views;
        this.peers = peers;
        this.auth = auth;
        this.vertx = vertx;
        this.forwarding = new Forwarding(region, views, peers);
        this.readYourWrites = new ReadYourWrites(vertx);
    }

    public void list(RoutingContext ctx) {
        authorized(ctx, null).compose(ok -> atStore(views::list))
                .onSuccess(json -> send(ctx, 200, json.put("peers", peers.breakers())))
                .onFailure(failure -> storeFailed(ctx, failure));
    }

    public void freshness(RoutingContext ctx) {
        send(ctx, 200, views.freshness());
    }

    public void lookup(RoutingContext ctx) {
        handle(ctx, false);
    }

    public void scan(RoutingContext ctx) {
        handle(ctx, true);
    }

    private void handle(RoutingContext ctx, boolean scan) {
        String view = ctx.pathParam("view");
        String key = scan ? null : ctx.pathParam("key");
        authorized(ctx, view).onSuccess(ok -> {
            ViewConfig config = views.config(view);
            if (config == null) {
                error(ctx, 404, "view.unknown", "no view '" + view + "' in the mesh "
                        + Suggestions.hint(view, mesh.views().keySet(), "views") + " (see GET /v1/views)");
                return;
            }
            if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
                error(ctx, 400, "view.key.invalid", "a key must have 1 to " + MAX_KEY_LENGTH + " characters");
                return;
            }
            LookupParams params;
            try {
                params = LookupParams.parse(ctx.queryParams(), mesh, config.stream(), scan);
            } catch (LookupParams.Invalid e) {
                error(ctx, 400, e.code, e.getMessage());
                return;
            }
            route(ctx, view, key, params);
        });
    }

    /** Here, or which peer: the region asked for, a fresher one, or the one that has what minOffsets wants. */
    private void route(RoutingContext ctx, String view, String key, LookupParams params) {
        // Asked for this region by name, or by a peer: answer from here, whatever the staleness.
        boolean forwarded = ctx.request().getHeader(PeerLookups.FORWARDED_HEADER) != null || region.equals(params.region());
        if (params.region() != null && !params.region().equals(region) && !forwarded) {
            if (!views.regions(view).contains(params.region())) {
                error(ctx, 400, "view.parameter.invalid", "region '" + params.region() + "' does not build view '" + view
                        + "' (it does not hold stream '" + views.config(view).stream() + "'); regions: " + views.regions(view));
                return;
            }
            forwarding.forward(ctx, java.util.List.of(params.region()), view, key);
            return;
        }
        if (!views.heldHere(view)) {
            if (forwarded) {
                error(ctx, 404, "view.not-here", "region '" + region + "' does not build view '" + view + "'");
                return;
            }
            java.util.List<String> candidates = forwarding.fresherPeers(view, null);
            if (candidates.isEmpty()) {
                error(ctx, 503, "view.unavailable", "no region that builds view '" + view + "' can answer now; regions: "
                        + views.regions(view));
            } else {
                forwarding.forward(ctx, candidates, view, key);
            }
            return;
        }
        Future<Boolean> reflected = params.minOffsets() == null ? Future.succeededFuture(true)
                : readYourWrites.await(() -> atStore(() -> views.reflects(view, params.minOffsets())));
        reflected.onFailure(failure -> storeFailed(ctx, failure)).onSuccess(reflects -> {
            if (!reflects) {
                atStore(() -> views.asOf(view)).onSuccess(asOf -> error(ctx, 503, "view.not-yet-reflected", "region '" + region
                        + "' does not reflect minOffsets yet (its view is at " + ViewAnswer.asOfJson(asOf).encode()
                        + "); retry, or ask the region the write went to with region=<id>"));
                return;
            }
            Long staleness = views.stalenessMs(view);
            boolean freshEnough = params.maxStalenessMs() == null
                    || (staleness != null && staleness <= params.maxStalenessMs());
            if (freshEnough || forwarded) {
                if (!freshEnough && !params.allowStale()) {
                    tooStale(ctx, view, params.maxStalenessMs(), staleness, region);
                    return;
                }
                answerLocally(ctx, view, key, params);
                return;
            }
            java.util.List<String> fresher = forwarding.fresherPeers(view, params.maxStalenessMs());
            if (!fresher.isEmpty()) {
                forwarding.forward(ctx, fresher, view, key);
            } else if (params.allowStale()) {
                answerLocally(ctx, view, key, params);
            } else {
                tooStale(ctx, view, params.maxStalenessMs(), staleness, region);
            }
        });
    }

    private void answerLocally(RoutingContext ctx, String view, String key, LookupParams params) {
        if (key == null) {
            atStore(() -> views.scan(view, params.prefix(), params.after(), params.limit()))
                    .onSuccess(page -> send(ctx, 200, page)).onFailure(failure -> storeFailed(ctx, failure));
            return;
        }
        atStore(() -> views.lookup(view, key)).onFailure(failure -> storeFailed(ctx, failure)).onSuccess(answer -> {
            if (answer.found()) {
                sendText(ctx, 200, answer.encode("local"));
                return;
            }
            JsonObject json = answer.toJson("local");
            json.put("error", "view.key.not-found").put("message", "key '" + key + "' is not in view '" + view
                    + "' at region '" + region + "': " + answer.absentReason() + " (as of the positions in asOf)");
            send(ctx, 404, json);
        });
    }

    /**
     * Runs work on the view's store: inline when the store is this gateway's memory, on a worker thread when it is
     * the region's Hazelcast cluster (a network call must not hold an event loop).
     */
    private <T> Future<T> atStore(java.util.concurrent.Callable<T> work) {
        if (views.storeIsRemote()) {
            return vertx.executeBlocking(work, false);
        }
        try {
            return Future.succeededFuture(work.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    private static void storeFailed(RoutingContext ctx, Throwable failure) {
        error(ctx, 503, "view.store.unavailable", "the view's state could not be read: " + failure.getMessage());
    }

    private void tooStale(RoutingContext ctx, String view, long bound, Long staleness, String at) {
        JsonObject json = new JsonObject().put("error", "view.too-stale").put("message", "no region that builds view '" + view
                + "' is known to be within " + bound + " ms now; add allowStale=true to take the freshest answer available")
                .put("maxStalenessMs", bound).put("region", at).put("stalenessMs", staleness);
        JsonObject others = new JsonObject();
        views.regions(view).stream().filter(peer -> !peer.equals(region))
                .forEach(peer -> others.put(peer, peers.stalenessAt(peer, view)));
        send(ctx, 503, json.put("peersStalenessMs", others));
    }

    /** With security on: a valid token, and for a view, a reader entry for the view or else for its stream. */
    private Future<Void> authorized(RoutingContext ctx, String view) {
        if (auth == null) {
            return Future.succeededFuture();
        }
        MultiMap params = ctx.queryParams();
        return auth.authenticate(ClientAuth.token(ctx.request().headers(), params)).compose(client -> {
            ViewConfig config = view == null ? null : views.config(view);
            if (config != null && !auth.mayReadView(client, view, config.stream())) {
                Events.warn(LOG, "audit.read.denied", "principal", client.subject(), "view", view,
                        "remote", ctx.request().remoteAddress());
                return Future.failedFuture(new AuthException("auth.denied", "'" + client.subject() + "' may not read view '"
                        + view + "': security.readers allows no role or user of this client for it (or its stream)"));
            }
            return Future.<Void>succeededFuture();
        }).onFailure(failure -> {
            AuthException refused = failure instanceof AuthException e ? e : new AuthException("auth.invalid", failure.getMessage());
            boolean denied = refused.code().equals("auth.denied");
            if (!denied) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
            }
            error(ctx, denied ? 403 : 401, refused.code(), refused.getMessage());
        });
    }

    static void error(RoutingContext ctx, int status, String code, String message) {
        send(ctx, status, new JsonObject().put("error", code).put("message", message));
    }

    static void send(RoutingContext ctx, int status, JsonObject json) {
        sendText(ctx, status, json.encode());
    }

    private static void sendText(RoutingContext ctx, int status, String json) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
        }
    }
}
