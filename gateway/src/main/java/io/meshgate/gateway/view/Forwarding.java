package io.meshgate.gateway.view;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.meshgate.observability.Events;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

import static io.meshgate.gateway.view.ViewEndpoints.error;
import static io.meshgate.gateway.view.ViewEndpoints.send;

/**
 * Sends a lookup to another region: the freshest peers first, the next one when a peer cannot answer, and a
 * failure the caller can act on when none can (fail fast while a peer's breaker is open).
 */
final class Forwarding {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarding.class);

    private final String region;
    private final Views views;
    private final PeerLookups peers;

    Forwarding(String region, Views views, PeerLookups peers) {
        this.region = region;
        this.views = views;
        this.peers = peers;
    }

    /**
     * The peers whose copy of the view they last reported is within {@code bound} (any, if null), freshest first;
     * peers failed fast are left out.
     */
    java.util.List<String> fresherPeers(String view, Long bound) {
        return views.regions(view).stream()
                .filter(peer -> !peer.equals(region) && !peers.failingFast(peer))
                .filter(peer -> peers.stalenessAt(peer, view) != null
                        && (bound == null || peers.stalenessAt(peer, view) <= bound))
                .sorted(java.util.Comparator.comparingLong(peer -> peers.stalenessAt(peer, view)))
                .toList();
    }

    /** Asks the first of {@code candidates}; when it cannot answer, the next one; the last failure is the answer. */
    void forward(RoutingContext ctx, java.util.List<String> candidates, String view, String key) {
        String peer = candidates.get(0);
        String path = "/v1/views/" + encode(view) + "/keys" + (key == null ? "" : "/" + encode(key));
        String query = ctx.request().query();
        peers.get(peer, path + (query == null ? "" : "?" + query), ctx.request().getHeader("Authorization"))
                .onSuccess(answer -> {
                    JsonObject body = answer.body();
                    if (body.containsKey("source")) {
                        body.put("source", "forwarded");
                    }
                    send(ctx, answer.status(), body);
                })
                .onFailure(failure -> {
                    if (candidates.size() > 1) {
                        Events.warn(LOG, "view.forward.failed", "peer", peer, "cause", describe(failure), "then", candidates.get(1));
                        forward(ctx, candidates.subList(1, candidates.size()), view, key);
                    } else {
                        peerFailed(ctx, peer, failure);
                    }
                });
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private void peerFailed(RoutingContext ctx, String peer, Throwable wrapped) {
        Throwable failure = unwrap(wrapped);
        if (failure instanceof CallNotPermittedException) {
            // Not logged one by one (thousands a second while the breaker is open): the breaker logs when it opens.
            error(ctx, 503, "view.peer.unavailable", "region '" + peer + "' failed recently, so lookups there fail fast for a"
                    + " few seconds; retry later, or without region/maxStalenessMs to be answered here");
            return;
        }
        Events.warn(LOG, "view.forward.failed", "peer", peer, "cause", describe(failure));
        if (failure instanceof BulkheadFullException) {
            error(ctx, 503, "view.peer.busy", "too many lookups are waiting on region '" + peer + "' already; retry shortly");
        } else if (failure instanceof TimeoutException) {
            error(ctx, 504, "view.peer.timeout", "region '" + peer + "' did not answer in time");
        } else {
            error(ctx, 502, "view.peer.failed", "region '" + peer + "' could not answer: " + failure.getMessage());
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
