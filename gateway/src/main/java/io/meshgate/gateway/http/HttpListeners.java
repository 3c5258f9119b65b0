package io.meshgate.gateway.http;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.web.Router;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The gateway's HTTP servers: one per event loop it serves on, all on the one port. Vert.x hands each new
 * connection to the next server, so subscribers, lookups and links spread over the cores; with a single server
 * every socket shares one loop, and a thousand subscribers wait for each other on one core. Each server gets a
 * router of its own (routers are not shared between event loops), built from the same routes; what the routes'
 * handlers share is thread-safe.
 */
final class HttpListeners {

    private final Vertx vertx;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    HttpListeners(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Listens with {@code loops} servers: the first on the caller's context (port 0 picks a free port), the others
     * on other event loops of this Vert.x instance, on the first one's port.
     */
    Future<Void> listen(int loops, HttpServerOptions options, Supplier<Router> routes,
                        Handler<ServerWebSocketHandshake> webSockets) {
        return serve(options, routes, webSockets).compose(first -> {
            HttpServerOptions samePort = new HttpServerOptions(options).setPort(first.actualPort());
            List<Future<HttpServer>> others = new ArrayList<>();
            for (EventLoop loop : otherLoops(loops - 1)) {
                ContextInternal context = ((VertxInternal) vertx).contextBuilder().withEventLoop(loop).build();
                Promise<HttpServer> listening = Promise.promise();
                context.runOnContext(v -> serve(samePort, routes, webSockets).onComplete(listening));
                others.add(listening.future());
            }
            return Future.all(others).mapEmpty();
        });
    }

    private Future<HttpServer> serve(HttpServerOptions options, Supplier<Router> routes,
                                     Handler<ServerWebSocketHandshake> webSockets) {
        HttpServer server = vertx.createHttpServer(options).requestHandler(routes.get()).webSocketHandshakeHandler(webSockets);
        servers.add(server);
        return server.listen();
    }

    /** Up to {@code count} event loops other than the caller's, each once. */
    private List<EventLoop> otherLoops(int count) {
        EventLoop own = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : ((VertxInternal) vertx).nettyEventLoopGroup()) {
            if (loops.size() < count && executor != own && executor instanceof EventLoop loop) {
                loops.add(loop);
            }
        }
        return loops;
    }

    int actualPort() {
        return servers.isEmpty() ? -1 : servers.get(0).actualPort();
    }

    Future<Void> shutdown(Duration grace) {
        return Future.join(servers.stream().map(server -> server.shutdown(grace)).toList()).mapEmpty();
    }
}
