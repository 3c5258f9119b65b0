package io.meshgate.gateway.http;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.StreamConfig;
import io.meshgate.gateway.security.AuthException;
import io.meshgate.gateway.security.ClientAuth;
import io.meshgate.gateway.security.ClientIdentity;
import io.meshgate.observability.Events;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Who may use the HTTP endpoints. Without a {@code security} section everyone may, as {@link ClientIdentity#ANONYMOUS}.
 * With one: reading a stream's data or positions needs a reader of that stream, the mesh status any authenticated
 * client, the admin API one of {@code security.admins}. Refusals are 401 ({@code auth.missing}, {@code auth.invalid})
 * or 403 ({@code auth.denied}, logged as an audit event). Health, metrics and the status page stay open for
 * operators' scrapers; the page's data comes from the endpoints above.
 */
final class HttpAccess {

    private static final Logger LOG = LoggerFactory.getLogger(HttpAccess.class);

    private final ClientAuth auth;

    /** {@code auth} is null when the mesh is open. */
    HttpAccess(ClientAuth auth) {
        this.auth = auth;
    }

    /** The client of the request; fails with {@link AuthException} when security is on and its token is missing or bad. */
    Future<ClientIdentity> client(RoutingContext ctx) {
        return auth == null ? Future.succeededFuture(ClientIdentity.ANONYMOUS)
                : auth.authenticate(ClientAuth.token(ctx.request().headers(), ctx.queryParams()));
    }

    boolean mayRead(ClientIdentity client, String stream) {
        return auth == null || auth.mayRead(client, stream);
    }

    /**
     * The stream named by the request's {@code stream} path parameter, once the client is known to be one of its
     * readers. An unknown stream fails with {@link UnknownStream}, which lists only the streams this client may read.
     */
    Future<StreamConfig> readableStream(RoutingContext ctx, MeshConfig mesh) {
        String name = ctx.pathParam("stream");
        return client(ctx).compose(client -> {
            StreamConfig stream = mesh.streams().get(name);
            if (stream == null) {
                return Future.failedFuture(new UnknownStream(name,
                        mesh.streams().keySet().stream().filter(s -> mayRead(client, s)).toList()));
            }
            if (!mayRead(client, name)) {
                Events.warn(LOG, "audit.read.denied", "principal", client.subject(), "roles", client.roles(), "stream", name,
                        "path", ctx.request().path(), "remote", ctx.request().remoteAddress());
                return Future.failedFuture(new AuthException("auth.denied", "'" + client.subject() + "' may not read stream '"
                        + name + "': security.readers allows no role or user of this client for it"));
            }
            return Future.succeededFuture(stream);
        });
    }

    /** The client, once it is known to be one of {@code security.admins}. */
    Future<ClientIdentity> admin(RoutingContext ctx) {
        return client(ctx).compose(client -> {
            if (auth == null || auth.isAdmin(client)) {
                return Future.succeededFuture(client);
            }
            Events.warn(LOG, "audit.admin.denied", "principal", client.subject(), "roles", client.roles(),
                    "action", ctx.request().method() + " " + ctx.request().path(), "remote", ctx.request().remoteAddress());
            return Future.failedFuture(new AuthException("auth.denied", "'" + client.subject() + "' may not use the admin"
                    + " API: security.admins names no role or user of this client"));
        });
    }

    /** Answers a failure of the futures above with its status and JSON error; anything else is a 500. */
    static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof AuthException refused) {
            boolean denied = refused.code().equals("auth.denied");
            if (!denied) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
            }
            Errors.send(ctx, denied ? 403 : 401, refused.code(), refused.getMessage());
        } else if (failure instanceof UnknownStream unknown) {
            Errors.unknownStream(ctx, unknown.name, unknown.readable);
        } else {
            ctx.fail(failure);
        }
    }

    /** A stream the mesh does not have; {@code readable} are the streams the asking client may read. */
    static final class UnknownStream extends RuntimeException {
        private final String name;
        private final List<String> readable;

        UnknownStream(String name, List<String> readable) {
            super("no stream '" + name + "'", null, false, false);
            this.name = name;
            this.readable = readable;
        }
    }
}
