package io.meshgate.client;

import io.meshgate.client.RegionChoice.Probe;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Where and when the subscriber connects next. Each failed attempt in a row moves one gateway further down the
 * order of the latest probes ({@link RegionChoice}) and waits longer ({@link Backoff}); a connection that delivered
 * events or heartbeats starts both over, so a gateway that served well is tried first again. Confined to the
 * subscriber's context.
 */
final class ConnectionAttempts {

    private final Duration rttTolerance;
    private final Backoff backoff;
    private final DoubleSupplier random;
    private int failed;

    ConnectionAttempts(SubscriberOptions options) {
        // A lambda, not ThreadLocalRandom.current()::nextDouble: that would bind the constructing thread's generator.
        this(options.rttTolerance(), new Backoff(options.backoffInitial(), options.backoffMax()),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    ConnectionAttempts(Duration rttTolerance, Backoff backoff, DoubleSupplier random) {
        this.rttTolerance = rttTolerance;
        this.backoff = backoff;
        this.random = random;
    }

    /** The gateway for the next attempt, given every gateway's probe. */
    URI gateway(List<Probe> probes) {
        List<URI> order = RegionChoice.order(probes, rttTolerance);
        return order.get(failed % order.size());
    }

    /** Counts how a connection ended ({@code alive}: it delivered something) and returns the wait before the next. */
    Duration ended(boolean alive) {
        failed = alive ? 0 : failed + 1;
        return backoff.delay(failed, random);
    }

    /** Attempts that failed in a row, up to the last one that ended. */
    int failed() {
        return failed;
    }
}
