package io.meshgate.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One region of the mesh: a Kafka cluster and the gateway beside it.
 *
 * @param id               the region id, such as {@code eu-west}; also the key under {@code regions:}
 * @param bootstrapServers the cluster's {@code host:port} list, comma-separated, normalised without spaces
 * @param gateway          the base URL peers use to reach this region's gateway (http or https)
 * @param kafkaProperties  extra Kafka client settings (security and the like), in declared order
 */
public record RegionConfig(String id, String bootstrapServers, URI gateway, Map<String, String> kafkaProperties) {

    public RegionConfig {
        Problems p = new Problems();
        String entity = "region '" + id + "'";
        NameRules.checkId(p, Fields.region(id), "region id", id);
        bootstrapServers = Addresses.bootstrapServers(p, Fields.region(id, Fields.BOOTSTRAP_SERVERS), entity, bootstrapServers);
        Addresses.gateway(p, Fields.region(id, Fields.GATEWAY), entity, gateway);
        kafkaProperties = kafkaProperties == null ? Map.of() : kafkaProperties;
        kafkaProperties.forEach((key, value) -> checkProperty(p, id, entity, key, value));
        p.throwIfAny();
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

    /** The gateway's port, with the scheme's default (80 or 443) when the URL names none. */
    public int gatewayPort() {
        return Addresses.port(gateway);
    }
}
