package io.meshgate.gateway.http;

import io.meshgate.config.Suggestions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Collection;

/** The one shape of every HTTP error meshgate sends: {@code {"error": "<stable.id>", "message": "..."}}. */
final class Errors {

    private Errors() {
    }

    /** 404 for a stream the mesh does not have, with the near miss and the list of streams. */
    static void unknownStream(RoutingContext ctx, String name, Collection<String> streams) {
        send(ctx, 404, "stream.unknown", "no stream '" + name + "' in the mesh"
                + Suggestions.closest(name, streams).map(s -> " (did you mean '" + s + "'?)").orElse("")
                + "; streams: " + String.join(", ", streams));
    }

    static void send(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", code).put("message", message).encodePrettily());
    }
}
