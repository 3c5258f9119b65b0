package io.meshgate.gateway.cli;

import io.meshgate.gateway.demo.Demo;
import io.meshgate.gateway.demo.DemoRegion;

/** What the demo prints once it runs: where everything is and what to try. */
final class DemoBanner {

    private DemoBanner() {
    }

    static String text(Demo demo, int rate) {
        StringBuilder text = new StringBuilder("\nmeshgate demo is running. Ctrl-C stops everything.\n\n");
        for (DemoRegion region : demo.regions()) {
            text.append("  %-8s kafka %-16s gateway %s%n".formatted(region.id(), region.bootstrapServers(), region.gatewayUrl()));
        }
        DemoRegion origin = demo.regions().get(0);
        DemoRegion replica = demo.regions().get(1);
        text.append("""

                  security:    off: the demo's mesh.yaml has no security section, so any client may read any stream
                  mesh config: %s
                  generators:  %d orders/s into 'orders' in every region (active-active);
                               customers into the compacted 'customers' in %s

                Try:
                  open %s/                              # the status page
                  curl -s %s/v1/mesh                    # links, replicas and lag as JSON
                  curl -s %s/metrics | grep meshgate_     # Prometheus metrics
                  curl -s %s/v1/views/customers/keys/c-007            # a view lookup, with region, asOf, stalenessMs
                  curl -s '%s/v1/views/platinum-orders/keys?limit=3'  # orders of Platinum customers, customer joined in
                  websocat '%s/v1/streams/orders/subscribe?from=latest&credit=10'   # push subscription
                  kcat -b %s -C -t %s.orders -f '%%h %%k %%s\\n'   # the replica, with origin headers
                  echo 'o-1:{"orderId":"o-1"}' | kcat -b %s -P -t orders -K:   # produce your own

                """.formatted(demo.meshFile(), rate, origin.id(),
                replica.gatewayUrl(), replica.gatewayUrl(), replica.gatewayUrl(), replica.gatewayUrl(), replica.gatewayUrl(),
                replica.gatewayUrl().replace("http://", "ws://"), replica.bootstrapServers(), origin.id(),
                origin.bootstrapServers()));
        return text.toString();
    }
}
