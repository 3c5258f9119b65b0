package io.meshgate.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One region of the mesh: a Kafka cluster and the gateway beside it.
 *
 * @param id               the region id, such as {@code eu-west}; also the key under {@code regions:}
 * @param bootstrapServers the cluster's {@code host:port} list, comma-separated, normalised without spaces
 * @param gateway          the base URL peers use to reach this region's gateway (http or https)
 * @param kafkaProperties  extra Kafka client settings (security and the like), in declared order
 * @param clusterMembers   {@code host:port} where each gateway instance of this region listens for its peers
 *                         instances (Hazelcast); instance N uses the Nth. Empty: the region runs one instance
 */
public record RegionConfig(String id, String bootstrapServers, URI gateway, Map<String, String> kafkaProperties,
                           List<String> clusterMembers) {

    public RegionConfig(String id, String bootstrapServers, URI gateway, Map<String, String> kafkaProperties) {
        this(id, bootstrapServers, gateway, kafkaProperties, List.of());
    }

    public RegionConfig {
        Problems p = new Problems();
        String entity = "region '" + id + "'";
        NameRules.checkId(p, Fields.region(id), "region id", id);
        bootstrapServers = Addresses.bootstrapServers(p, Fields.region(id, Fields.BOOTSTRAP_SERVERS), entity, bootstrapServers);
        Addresses.gateway(p, Fields.region(id, Fields.GATEWAY), entity, gateway);
        kafkaProperties = kafkaProperties == null ? Map.of() : kafkaProperties;
        kafkaProperties.forEach((key, value) -> checkProperty(p, id, entity, key, value));
        clusterMembers = clusterMembers == null ? List.of() : clusterMembers;
        Addresses.hostPorts(p, Fields.region(id, Fields.CLUSTER_MEMBERS), entity, Fields.CLUSTER_MEMBERS, clusterMembers);
        p.throwIfAny();
        clusterMembers = clusterMembers.stream().map(String::trim).toList();
        kafkaProperties = Collections.unmodifiableMap(new LinkedHashMap<>(kafkaProperties));
    }

    private static void checkProperty(Problems p, String id, String entity, String key, String value) {
        String field = Fields.join(Fields.region(id, Fields.KAFKA_PROPERTIES), String.valueOf(key));
        if (key == null || key.isBlank()) {
            p.add(Fields.region(id, Fields.KAFKA_PROPERTIES), entity + ": kafka-properties has an empty key");
            return;
        }
        if (key.equals("bootstrap.servers")) {
            // Two sources of truth for the cluster address would disagree sooner or later.
            p.add(field, entity + ": do not set bootstrap.servers in kafka-properties; use " + Fields.BOOTSTRAP_SERVERS);
        }
        p.require(value != null, field, entity + ": kafka property '" + key + "' needs a value");
    }

    /**
     * Settings for a Kafka client of this region's cluster: {@code bootstrap.servers} followed by
     * {@link #kafkaProperties()}. Returns a fresh mutable map so callers can add client-specific
     * settings (group id, serializers) without copying.
     */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.putAll(kafkaProperties);
        return properties;
    }

    /** Whether this region runs several gateway instances that share work. */
    public boolean clustered() {
        return !clusterMembers.isEmpty();
    }

    /** The gateway's port, with the scheme's default (80 or 443) when the URL names none. */
    public int gatewayPort() {
        return Addresses.port(gateway);
    }

    /** Whether peers reach this region's gateway over TLS: its URL is https. */
    public boolean gatewayTls() {
        return "https".equalsIgnoreCase(gateway.getScheme());
    }

    /**
     * Where one of the gateway's endpoints is, as peers request it: under the URL's path, for a gateway published
     * behind a reverse proxy at {@code https://proxy.example.com/meshgate/eu-west}. {@code endpoint} starts with '/'.
     */
    public String gatewayPath(String endpoint) {
        String prefix = gateway.getRawPath() == null ? "" : gateway.getRawPath().replaceAll("/+$", "");
        return prefix + endpoint;
    }
}
