package io.meshgate.gateway.cli;

import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Start-up work that shares nothing with what the main thread does meanwhile, run on a background thread so a
 * cold gateway does not do it all in a row: logging is configured (logback reads its XML) while the main thread
 * loads the mesh config, and then JSON encoding is made ready (Jackson's databind, a few hundred classes),
 * which the first link message and the first health answer need, while the main thread starts Vert.x.
 */
final class Warmup {

    private Warmup() {
    }

    /** Starts the warm-up; the future completes once logging is configured (JSON warms up after that). */
    static CompletableFuture<Void> start() {
        CompletableFuture<Void> logging = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                LoggerFactory.getILoggerFactory();
            } finally {
                logging.complete(null);
            }
            // After logging: anything that logs while SLF4J initialises gets a stand-in logger instead.
            new JsonObject().put("warm", true).encodePrettily();
        }, "meshgate-warmup");
        thread.setDaemon(true);
        thread.start();
        return logging;
    }
}
