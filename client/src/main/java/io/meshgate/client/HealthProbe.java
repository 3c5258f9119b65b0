package io.meshgate.client;

import io.meshgate.client.RegionChoice.Health;
import io.meshgate.client.RegionChoice.Probe;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks every gateway's {@code GET /health/ready} at once and times the answers: the round trip stands for how near
 * the region is. A probe never fails: a gateway that does not answer in time is {@link Health#UNREACHABLE}.
 */
final class HealthProbe {

    private final HttpClient http;
    private final Duration timeout;

    HealthProbe(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    Future<List<Probe>> probeAll(List<URI> gateways) {
        List<Future<Probe>> probes = new ArrayList<>();
        for (int i = 0; i < gateways.size(); i++) {
            probes.add(probe(gateways.get(i), i));
        }
        return Future.all(probes).map(all -> probes.stream().map(Future::result).toList());
    }

    private Future<Probe> probe(URI gateway, int preference) {
        long timeoutMs = timeout.toMillis();
        long started = System.nanoTime();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(gateway + "/health/ready")
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs);
        return http.request(request)
                .compose(sent -> sent.send())
                .compose(response -> {
                    Duration rtt = Duration.ofNanos(System.nanoTime() - started);
                    Health health = response.statusCode() == 200 ? Health.READY : Health.NOT_READY;
                    // Read the body to the end so the connection goes back to the pool for the next probe.
                    return response.body().map(body -> new Probe(gateway, preference, health, rtt));
                })
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .otherwise(failure -> new Probe(gateway, preference, Health.UNREACHABLE, timeout));
    }
}
