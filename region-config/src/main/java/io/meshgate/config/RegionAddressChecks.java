package io.meshgate.config;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Addresses that two regions must not share. Each region is its own Kafka cluster with its own gateway and, when
 * clustered, its own Hazelcast members: a copy-pasted region block that kept its neighbour's address would make
 * peers link to the wrong region, make one cluster's topics count as two regions' origins, or merge two regions'
 * instances into one cluster. Each check is textual (no DNS), so it catches copies, not aliases.
 */
final class RegionAddressChecks {

    private RegionAddressChecks() {
    }

    static void check(Problems p, Map<String, RegionConfig> regions) {
        Map<String, String> gateways = new HashMap<>();
        Map<String, String> brokers = new HashMap<>();
        Map<String, String> members = new HashMap<>();
        for (RegionConfig region : regions.values()) {
            String entity = "region '" + region.id() + "'";
            String first = gateways.putIfAbsent(gatewayKey(region), region.id());
            p.require(first == null, Fields.region(region.id(), Fields.GATEWAY), entity + ": gateway '" + region.gateway()
                    + "' is also the gateway of region '" + first + "'; every region needs its own gateway address,"
                    + " or peers would link to the wrong region");
            List<String> servers = List.of(region.bootstrapServers().split(","));
            claimEach(p, brokers, region.id(), servers, Fields.region(region.id(), Fields.BOOTSTRAP_SERVERS), entity + ": "
                    + Fields.BOOTSTRAP_SERVERS + " entry '%s' is also a broker of region '%s'; every region is a Kafka cluster"
                    + " of its own (one cluster as two regions would take replicas for origins)");
            claimEach(p, members, region.id(), region.clusterMembers(), Fields.region(region.id(), Fields.CLUSTER_MEMBERS),
                    entity + ": " + Fields.CLUSTER_MEMBERS + " entry '%s' is also a cluster member of region '%s';"
                            + " regions never share a cluster, give each instance an address of its own");
        }
    }

    /** Claims each host:port for {@code region}, reporting by index the ones another region claimed first. */
    private static void claimEach(Problems p, Map<String, String> claimed, String region, List<String> hostPorts,
                                  String field, String message) {
        for (int i = 0; i < hostPorts.size(); i++) {
            String hostPort = hostPorts.get(i);
            String first = claimed.putIfAbsent(hostPort.toLowerCase(Locale.ROOT), region);
            if (first != null && !first.equals(region)) {
                p.add(Fields.index(field, i), message.formatted(hostPort, first));
            }
        }
    }

    /** Scheme, host, port (the scheme's default filled in) and path without trailing slashes: one gateway, however written. */
    private static String gatewayKey(RegionConfig region) {
        URI gateway = region.gateway();
        return gateway.getScheme().toLowerCase(Locale.ROOT) + "://" + gateway.getHost().toLowerCase(Locale.ROOT) + ":"
                + region.gatewayPort() + region.gatewayPath("");
    }
}
