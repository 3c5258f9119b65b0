package io.meshgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns a composed YAML tree into the mesh records. Each region and stream is built on its own, so
 * one bad entity does not hide problems in the others; the mesh-wide checks run once the parts
 * they depend on are sound. {@link #bind} returns null when the mesh could not be built; either
 * way the caller must check the reader for problems, which can exist beside a built mesh (an
 * unknown key, say).
 */
final class MeshBinder {

    private final NodeReader reader;
    private boolean regionsSound = true;

    MeshBinder(NodeReader reader) {
        this.reader = reader;
    }

    MeshConfig bind(Node root) {
        Map<String, Node> top = reader.fields(root, "", "mesh file", Fields.TOP_LEVEL_KEYS,
                "a map with 'regions' and optionally 'mesh', 'streams' and 'links'");
        if (!(root instanceof MappingNode)) {
            return null; // reported above; nothing else can be read from a document that is not a map
        }
        String name = reader.text(top.get(Fields.MESH), Fields.MESH, "a mesh name").orElse(null);
        Map<String, RegionConfig> regions = new LinkedHashMap<>();
        Map<String, Node> regionNodes = reader.entries(top.get(Fields.REGIONS), Fields.REGIONS, "a map of regions by id");
        regionNodes.forEach((id, node) -> bindRegion(id, node, regions));
        Map<String, StreamConfig> streams = new LinkedHashMap<>();
        reader.entries(top.get(Fields.STREAMS), Fields.STREAMS, "a map of streams by name")
                .forEach((streamName, node) -> bindStream(streamName, node, streams));
        Map<String, ViewConfig> views = new LinkedHashMap<>();
        reader.entries(top.get(Fields.VIEWS), Fields.VIEWS, "a map of views by name")
                .forEach((viewName, node) -> bindView(viewName, node, views));
        LinkSettings links = bindLinks(top.get(Fields.LINKS));
        SubscriptionSettings subscriptions = bindSubscriptions(top.get(Fields.SUBSCRIPTIONS));
        boolean securityPresent = top.get(Fields.SECURITY) != null && !NodeReader.isAbsent(top.get(Fields.SECURITY));
        SecurityConfig security = securityPresent ? bindSecurity(top.get(Fields.SECURITY)) : null;
        if (regionsSound && links != null && subscriptions != null && (security != null || !securityPresent)) {
            // Broken streams are left out here: the streams that did build still get their references checked.
            try {
                return new MeshConfig(name, regions, streams, links, subscriptions, security, views);
            } catch (ConfigException e) {
                reader.adopt(e);
                return null;
            }
        }
        checkWhatStillCanBe(name, regionNodes.keySet(), streams);
        return null;
    }

    /**
     * Without sound parts MeshConfig cannot be built, but the mesh name and the streams' references
     * can still be checked; their mistakes should not wait for the next run. A region with bad
     * settings still exists for references: naming it is not a typo.
     */
    private void checkWhatStillCanBe(String name, Set<String> regionIds, Map<String, StreamConfig> streams) {
        Problems p = new Problems();
        if (name != null) {
            NameRules.checkId(p, Fields.MESH, "mesh name", name);
        }
        if (!regionIds.isEmpty()) {
            MeshChecks.checkReferences(p, regionIds, streams.values());
        }
        if (!p.isEmpty()) {
            reader.adopt(new ConfigException(p.list()));
        }
    }

    private void bindRegion(String id, Node node, Map<String, RegionConfig> regions) {
        String path = Fields.region(id);
        Map<String, Node> f = reader.fields(node, path, "region '" + id + "'", Fields.REGION_KEYS,
                "the settings of region '" + id + "': a map with bootstrap-servers and gateway");
        String bootstrap = reader.list(f.get(Fields.BOOTSTRAP_SERVERS), Fields.join(path, Fields.BOOTSTRAP_SERVERS),
                "host:port entries, as a comma-separated text or a list", "a host:port entry")
                .map(entries -> String.join(",", entries)).orElse(null);
        URI gateway = reader.value(f.get(Fields.GATEWAY), Fields.join(path, Fields.GATEWAY), "a URL like http://gateway:8081",
                MeshBinder::parseUri).orElse(null);
        Map<String, String> properties = reader.textMap(f.get(Fields.KAFKA_PROPERTIES), Fields.join(path, Fields.KAFKA_PROPERTIES),
                "a map of Kafka client settings").orElse(Map.of());
        List<String> members = reader.list(f.get(Fields.CLUSTER_MEMBERS), Fields.join(path, Fields.CLUSTER_MEMBERS),
                "a list of host:port, one per gateway instance", "a host:port entry").orElse(List.of());
        try {
            regions.put(id, new RegionConfig(id, bootstrap, gateway, properties, members));
        } catch (ConfigException e) {
            reader.adopt(e);
            regionsSound = false;
        }
    }

    private void bindStream(String name, Node node, Map<String, StreamConfig> streams) {
        String path = Fields.stream(name);
        Map<String, Node> f = reader.fields(node, path, "stream '" + name + "'", Fields.STREAM_KEYS,
                "the settings of stream '" + name + "': a map with origins and optionally topic and replicate-to");
        String topic = reader.text(f.get(Fields.TOPIC), Fields.join(path, Fields.TOPIC), "a topic name").orElse(null);
        List<String> origins = reader.list(f.get(Fields.ORIGINS), Fields.join(path, Fields.ORIGINS),
                "a list of region ids", "a region id").orElse(null);
        List<String> replicateTo = reader.list(f.get(Fields.REPLICATE_TO), Fields.join(path, Fields.REPLICATE_TO),
                "a list of region ids or \"*\"", "a region id or \"*\"").orElse(null);
        try {
            streams.put(name, new StreamConfig(name, topic, origins, replicateTo));
        } catch (ConfigException e) {
            reader.adopt(e);
        }
    }

    private void bindView(String name, Node node, Map<String, ViewConfig> views) {
        String path = Fields.join(Fields.VIEWS, name);
        Map<String, Node> f = reader.fields(node, path, "view '" + name + "'", Fields.VIEW_KEYS,
                "the settings of view '" + name + "': a map with stream and optionally key, where, fields and enrich");
        String stream = reader.text(f.get(Fields.STREAM), Fields.join(path, Fields.STREAM), "a stream name").orElse(null);
        String key = reader.text(f.get(Fields.KEY), Fields.join(path, Fields.KEY),
                ViewConfig.RECORD_KEY + " or a JSON pointer like /orderId").orElse(null);
        String where = reader.text(f.get(Fields.WHERE), Fields.join(path, Fields.WHERE),
                "conditions like tier == \"PLATINUM\"").orElse(null);
        List<String> fields = reader.list(f.get(Fields.FIELDS), Fields.join(path, Fields.FIELDS),
                "a list of field names or dotted paths", "a field name").orElse(null);
        ViewConfig.Enrichment enrich = null;
        if (f.get(Fields.ENRICH) != null && !NodeReader.isAbsent(f.get(Fields.ENRICH))) {
            String at = Fields.join(path, Fields.ENRICH);
            Map<String, Node> e = reader.fields(f.get(Fields.ENRICH), at, "enrich of view '" + name + "'", Fields.ENRICH_KEYS,
                    "a map with view, on and as");
            enrich = new ViewConfig.Enrichment(
                    reader.text(e.get(Fields.VIEW), Fields.join(at, Fields.VIEW), "a view name").orElse(null),
                    reader.text(e.get(Fields.ON), Fields.join(at, Fields.ON), "a JSON pointer like /customerId").orElse(null),
                    reader.text(e.get(Fields.AS), Fields.join(at, Fields.AS), "a field name").orElse(null));
        }
        try {
            views.put(name, new ViewConfig(name, stream, key, where, fields, enrich));
        } catch (ConfigException e) {
            reader.adopt(e);
        }
    }

    private LinkSettings bindLinks(Node node) {
        LinkSettings d = LinkSettings.defaults();
        Map<String, Node> f = reader.fields(node, Fields.LINKS, "links", Fields.LINK_KEYS, "a map of link settings");
        try {
            // A value that cannot be read was reported already; its default stands in so the rest is still checked.
            return new LinkSettings(
                    reader.text(f.get(Fields.REPLICA_TOPIC), Fields.link(Fields.REPLICA_TOPIC), "a topic name pattern")
                            .orElse(d.replicaTopicPattern()),
                    integer(f, Fields.LINKS, Fields.MAX_BATCH_RECORDS, d.maxBatchRecords()),
                    integer(f, Fields.LINKS, Fields.MAX_BATCH_BYTES, d.maxBatchBytes()),
                    duration(f, Fields.LINKS, Fields.HEARTBEAT_INTERVAL, d.heartbeatInterval()),
                    duration(f, Fields.LINKS, Fields.RECONNECT_BACKOFF_INITIAL, d.reconnectBackoffInitial()),
                    duration(f, Fields.LINKS, Fields.RECONNECT_BACKOFF_MAX, d.reconnectBackoffMax()),
                    duration(f, Fields.LINKS, Fields.IDLE_TIMEOUT, d.idleTimeout()));
        } catch (ConfigException e) {
            reader.adopt(e);
            return null;
        }
    }

    private SubscriptionSettings bindSubscriptions(Node node) {
        SubscriptionSettings d = SubscriptionSettings.defaults();
        Map<String, Node> f = reader.fields(node, Fields.SUBSCRIPTIONS, "subscriptions", Fields.SUBSCRIPTION_KEYS,
                "a map of subscription settings");
        try {
            // As for links: an unreadable value was reported and its default stands in, so the other rules still run.
            return new SubscriptionSettings(
                    integer(f, Fields.SUBSCRIPTIONS, Fields.MAX_SUBSCRIPTIONS, d.maxSubscriptions()),
                    integer(f, Fields.SUBSCRIPTIONS, Fields.MAX_PER_CLIENT, d.maxPerClient()),
                    (int) size(f, Fields.SUBSCRIPTIONS, Fields.MAX_FRAME_BYTES, Integer.MAX_VALUE, d.maxFrameBytes()),
                    integer(f, Fields.SUBSCRIPTIONS, Fields.MAX_MESSAGES_PER_SECOND, d.maxMessagesPerSecond()),
                    duration(f, Fields.SUBSCRIPTIONS, Fields.HEARTBEAT_INTERVAL, d.heartbeatInterval()),
                    integer(f, Fields.SUBSCRIPTIONS, Fields.RING_RECORDS, d.ringRecords()),
                    size(f, Fields.SUBSCRIPTIONS, Fields.RING_BYTES, Long.MAX_VALUE, d.ringBytes()));
        } catch (ConfigException e) {
            reader.adopt(e);
            return null;
        }
    }

    private SecurityConfig bindSecurity(Node node) {
        Map<String, Node> f = reader.fields(node, Fields.SECURITY, "security", Fields.SECURITY_KEYS,
                "a map with jwt, links, readers and admins");
        String jwtPath = Fields.join(Fields.SECURITY, Fields.JWT);
        Map<String, Node> jwt = reader.fields(f.get(Fields.JWT), jwtPath, "security.jwt", Fields.JWT_KEYS,
                "a map with hmac-secret-env or public-key-file");
        Map<String, List<String>> readers = new LinkedHashMap<>();
        String readersPath = Fields.join(Fields.SECURITY, Fields.READERS);
        reader.entries(f.get(Fields.READERS), readersPath, "a map from stream name (or \"*\") to a list of readers")
                .forEach((stream, list) -> readers.put(stream, reader.list(list, Fields.join(readersPath, stream),
                        "a list of readers: role:<name>, user:<subject> or *", "a reader").orElse(List.of())));
        List<String> admins = reader.list(f.get(Fields.ADMINS), Fields.join(Fields.SECURITY, Fields.ADMINS),
                "a list of admins: role:<name>, user:<subject> or *", "an admin").orElse(List.of());
        String linksPath = Fields.join(Fields.SECURITY, Fields.PEER_LINKS);
        Map<String, Node> links = reader.fields(f.get(Fields.PEER_LINKS), linksPath, "security.links", Fields.PEER_LINK_KEYS,
                "a map with secret-env or secret-file");
        try {
            return new SecurityConfig(
                    reader.text(jwt.get(Fields.HMAC_SECRET_ENV), Fields.join(jwtPath, Fields.HMAC_SECRET_ENV), "an environment variable name").orElse(null),
                    reader.text(jwt.get(Fields.PUBLIC_KEY_FILE), Fields.join(jwtPath, Fields.PUBLIC_KEY_FILE), "a file path").orElse(null),
                    reader.text(jwt.get(Fields.ISSUER), Fields.join(jwtPath, Fields.ISSUER), "an issuer").orElse(null),
                    reader.text(jwt.get(Fields.AUDIENCE), Fields.join(jwtPath, Fields.AUDIENCE), "an audience").orElse(null),
                    reader.text(jwt.get(Fields.ROLES_CLAIM), Fields.join(jwtPath, Fields.ROLES_CLAIM), "a claim name").orElse(null),
                    readers, admins,
                    reader.text(links.get(Fields.SECRET_ENV), Fields.join(linksPath, Fields.SECRET_ENV), "an environment variable name").orElse(null),
                    reader.text(links.get(Fields.SECRET_FILE), Fields.join(linksPath, Fields.SECRET_FILE), "a file path").orElse(null));
        } catch (ConfigException e) {
            reader.adopt(e);
            return null;
        }
    }

    private int integer(Map<String, Node> f, String section, String key, int fallback) {
        return reader.value(f.get(key), Fields.join(section, key), "a whole number", MeshBinder::parseInt).orElse(fallback);
    }

    private Duration duration(Map<String, Node> f, String section, String key, Duration fallback) {
        return reader.value(f.get(key), Fields.join(section, key), Durations.FORMAT_HINT, Durations::parse).orElse(fallback);
    }

    /** {@code max} is what the setting's type can hold; the setting's own range is the record's to check. */
    private long size(Map<String, Node> f, String section, String key, long max, long fallback) {
        return reader.value(f.get(key), Fields.join(section, key), Sizes.FORMAT_HINT, text -> {
            long bytes = Sizes.parse(text);
            if (bytes > max) {
                throw new IllegalArgumentException("'" + text + "' is too large for this setting");
            }
            return bytes;
        }).orElse(fallback);
    }

    private static int parseInt(String text) {
        if (!text.trim().matches("[+-]?\\d+")) {
            throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
        }
        try {
            return Integer.parseInt(text.trim().replace("+", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large for this setting");
        }
    }

    private static URI parseUri(String text) {
        try {
            return new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URL (" + e.getReason()
                    + " at index " + e.getIndex() + "); expected a URL like http://gateway:8081");
        }
    }
}
