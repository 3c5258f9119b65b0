package io.meshgate.config;

import java.util.List;

/**
 * YAML key names and absolute field paths. Shared by the records, which name fields in their
 * problems, and by the loader, which records where each field sits in the file; keeping both in one
 * place is what lets a problem raised in a constructor find its line and column.
 */
final class Fields {

    static final String MESH = "mesh";
    static final String REGIONS = "regions";
    static final String STREAMS = "streams";
    static final String LINKS = "links";
    static final String SECURITY = "security";
    static final String SUBSCRIPTIONS = "subscriptions";
    static final String VIEWS = "views";
    static final List<String> TOP_LEVEL_KEYS = List.of(MESH, REGIONS, STREAMS, VIEWS, LINKS, SUBSCRIPTIONS, SECURITY);

    static final String STREAM = "stream";
    static final String KEY = "key";
    static final String WHERE = "where";
    static final String FIELDS = "fields";
    static final String ENRICH = "enrich";
    static final List<String> VIEW_KEYS = List.of(STREAM, KEY, WHERE, FIELDS, ENRICH);
    static final String VIEW = "view";
    static final String ON = "on";
    static final String AS = "as";
    static final List<String> ENRICH_KEYS = List.of(VIEW, ON, AS);

    static final String JWT = "jwt";
    static final String READERS = "readers";
    static final String ADMINS = "admins";
    static final String PEER_LINKS = "links";
    static final List<String> SECURITY_KEYS = List.of(JWT, PEER_LINKS, READERS, ADMINS);
    static final String SECRET_ENV = "secret-env";
    static final String SECRET_FILE = "secret-file";
    static final List<String> PEER_LINK_KEYS = List.of(SECRET_ENV, SECRET_FILE);
    static final String HMAC_SECRET_ENV = "hmac-secret-env";
    static final String PUBLIC_KEY_FILE = "public-key-file";
    static final String ISSUER = "issuer";
    static final String AUDIENCE = "audience";
    static final String ROLES_CLAIM = "roles-claim";
    static final List<String> JWT_KEYS = List.of(HMAC_SECRET_ENV, PUBLIC_KEY_FILE, ISSUER, AUDIENCE, ROLES_CLAIM);

    static final String BOOTSTRAP_SERVERS = "bootstrap-servers";
    static final String GATEWAY = "gateway";
    static final String KAFKA_PROPERTIES = "kafka-properties";
    static final String CLUSTER_MEMBERS = "cluster-members";
    static final List<String> REGION_KEYS = List.of(BOOTSTRAP_SERVERS, GATEWAY, KAFKA_PROPERTIES, CLUSTER_MEMBERS);

    static final String TOPIC = "topic";
    static final String ORIGINS = "origins";
    static final String REPLICATE_TO = "replicate-to";
    static final List<String> STREAM_KEYS = List.of(TOPIC, ORIGINS, REPLICATE_TO);

    static final String REPLICA_TOPIC = "replica-topic";
    static final String MAX_BATCH_RECORDS = "max-batch-records";
    static final String MAX_BATCH_BYTES = "max-batch-bytes";
    static final String HEARTBEAT_INTERVAL = "heartbeat-interval";
    static final String RECONNECT_BACKOFF_INITIAL = "reconnect-backoff-initial";
    static final String RECONNECT_BACKOFF_MAX = "reconnect-backoff-max";
    static final String IDLE_TIMEOUT = "idle-timeout";
    static final List<String> LINK_KEYS = List.of(REPLICA_TOPIC, MAX_BATCH_RECORDS, MAX_BATCH_BYTES,
            HEARTBEAT_INTERVAL, RECONNECT_BACKOFF_INITIAL, RECONNECT_BACKOFF_MAX, IDLE_TIMEOUT);

    static final String MAX_SUBSCRIPTIONS = "max-subscriptions";
    static final String MAX_PER_CLIENT = "max-per-client";
    static final String MAX_FRAME_BYTES = "max-frame-bytes";
    static final String MAX_MESSAGES_PER_SECOND = "max-messages-per-second";
    static final String RING_RECORDS = "ring-records";
    static final String RING_BYTES = "ring-bytes";
    static final List<String> SUBSCRIPTION_KEYS = List.of(MAX_SUBSCRIPTIONS, MAX_PER_CLIENT, MAX_FRAME_BYTES,
            MAX_MESSAGES_PER_SECOND, HEARTBEAT_INTERVAL, RING_RECORDS, RING_BYTES);

    private Fields() {
    }

    static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }

    static String region(String id) {
        return id == null ? REGIONS : join(REGIONS, id);
    }

    static String region(String id, String key) {
        return join(region(id), key);
    }

    static String stream(String name) {
        return name == null ? STREAMS : join(STREAMS, name);
    }

    static String stream(String name, String key) {
        return join(stream(name), key);
    }

    static String link(String key) {
        return join(LINKS, key);
    }

    static String subscription(String key) {
        return join(SUBSCRIPTIONS, key);
    }

    /** The path one level up, cutting the last {@code .key} or {@code [n]}; empty at the top. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
