package io.meshgate.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where to connect, from health probes of every gateway: ready gateways first, nearest first (round trips within
 * the tolerance are ties, and the order of preference decides them); then gateways that answer but are not ready
 * (their replica may lag, yet they can serve); then the ones that did not answer, in the order of preference.
 */
final class RegionChoice {

    enum Health { READY, NOT_READY, UNREACHABLE }

    /** One gateway's probe: its place in the order of preference, its health and the probe's round trip. */
    record Probe(URI gateway, int preference, Health health, Duration rtt) {
    }

    private RegionChoice() {
    }

    static List<URI> order(List<Probe> probes, Duration tolerance) {
        List<Probe> byPreference = new ArrayList<>(probes);
        byPreference.sort(Comparator.comparingInt(Probe::preference));
        List<URI> order = new ArrayList<>(nearestFirst(byPreference.stream()
                .filter(probe -> probe.health() == Health.READY).toList(), tolerance));
        byPreference.stream().filter(probe -> probe.health() == Health.NOT_READY).forEach(probe -> order.add(probe.gateway()));
        byPreference.stream().filter(probe -> probe.health() == Health.UNREACHABLE).forEach(probe -> order.add(probe.gateway()));
        return order;
    }

    /** Repeatedly: the most preferred of those within {@code tolerance} of the nearest left. */
    private static List<URI> nearestFirst(List<Probe> ready, Duration tolerance) {
        List<Probe> left = new ArrayList<>(ready);
        List<URI> order = new ArrayList<>();
        while (!left.isEmpty()) {
            Duration nearest = left.stream().map(Probe::rtt).min(Comparator.naturalOrder()).orElseThrow();
            Duration bound = nearest.plus(tolerance);
            Probe next = left.stream().filter(probe -> probe.rtt().compareTo(bound) <= 0).findFirst().orElseThrow();
            left.remove(next);
            order.add(next.gateway());
        }
        return order;
    }
}
