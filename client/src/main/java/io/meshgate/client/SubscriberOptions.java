package io.meshgate.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What a {@link MeshSubscriber} subscribes to and how it behaves, validated when built: a mistake is an
 * {@link IllegalArgumentException} naming every wrong field and what to write instead.
 *
 * @param gateways           gateway base URLs ({@code http://host:port}), in order of preference: on equal health and
 *                           distance the earlier one wins
 * @param stream             the stream to read
 * @param from               where to start the first time: {@code earliest}, {@code latest}, {@code ts:<epoch-ms>} or
 *                           a cursor; later connections resume from the subscriber's own cursor
 * @param filters            the gateway's filter parameters: {@code key}, {@code header.<name>}, {@code where},
 *                           {@code fields}
 * @param creditWindow       most events the gateway may have sent that the handler has not finished with yet
 * @param bearerToken        a JWT for gateways with a {@code security} section, asked for at every connection (so it
 *                           may rotate); null for an open mesh
 * @param heartbeatTimeout   a connection silent this long (gateways send a heartbeat every 5 s) is dropped and
 *                           replaced
 * @param backoffInitial     first delay before reconnecting; doubles per failed attempt, with jitter
 * @param backoffMax         the longest delay before reconnecting
 * @param healthProbeTimeout how long to wait for a gateway's {@code /health/ready} when choosing where to connect
 * @param rttTolerance       health probe round trips closer than this count as equally near
 * @param connectTimeout     how long opening the WebSocket may take
 * @param subscribeTimeout   how long a gateway may take to confirm a subscription once the WebSocket is open (it
 *                           positions its Kafka readers first, which takes longer when resuming on a replica)
 */
public record SubscriberOptions(List<URI> gateways, String stream, String from, Map<String, String> filters,
                                int creditWindow, Supplier<String> bearerToken, Duration heartbeatTimeout,
                                Duration backoffInitial, Duration backoffMax, Duration healthProbeTimeout,
                                Duration rttTolerance, Duration connectTimeout, Duration subscribeTimeout) {

    /** The gateway's own limit on credit in one grant. */
    public static final int MAX_CREDIT_WINDOW = 1_000_000;

    private static final Pattern CURSOR = Pattern.compile("c[0-9]+\\.[A-Za-z0-9_-]+");
    private static final Pattern TIMESTAMP = Pattern.compile("ts:[0-9]{1,18}");
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9._-]+");

    public SubscriberOptions {
        List<String> problems = new ArrayList<>();
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
        if (gateways.isEmpty()) {
            problems.add("gateways: name at least one gateway base URL, like http://gateway.example:8080");
        }
        for (int i = 0; i < gateways.size(); i++) {
            URI gateway = gateways.get(i);
            if (!("http".equals(gateway.getScheme()) || "https".equals(gateway.getScheme())) || gateway.getHost() == null
                    || gateway.getRawQuery() != null || gateway.getRawFragment() != null) {
                problems.add("gateways[" + i + "]: '" + gateway + "' is not a gateway base URL; write http://host:port"
                        + " or https://host:port (the client adds /v1/streams/... and /health/ready itself)");
            }
        }
        if (gateways.stream().distinct().count() < gateways.size()) {
            problems.add("gateways: " + gateways + " lists a gateway twice; name each once, in order of preference");
        }
        if (stream == null || !STREAM.matcher(stream).matches()) {
            problems.add("stream: '" + stream + "' is not a stream name; use the name from the mesh file (letters,"
                    + " digits, '.', '_', '-'), as GET /v1/streams lists it");
        }
        from = from == null ? "latest" : from;
        if (!(from.equals("earliest") || from.equals("latest") || TIMESTAMP.matcher(from).matches()
                || CURSOR.matcher(from).matches())) {
            problems.add("from: '" + from + "' is not a start; write earliest, latest, ts:<epoch-ms> (like"
                    + " ts:1767225600000) or the cursor of an event, unchanged");
        }
        filters = filters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        filters.forEach((name, value) -> {
            if (!isFilterName(name)) {
                problems.add("filters: '" + name + "' is not a filter; the gateway knows key, header.<name>, where and"
                        + " fields");
            } else if (value == null || value.isEmpty()) {
                problems.add("filters: '" + name + "' needs a value");
            }
        });
        if (creditWindow < 1 || creditWindow > MAX_CREDIT_WINDOW) {
            problems.add("creditWindow: " + creditWindow + " must be from 1 to " + MAX_CREDIT_WINDOW);
        }
        requirePositive(problems, "heartbeatTimeout", heartbeatTimeout);
        requirePositive(problems, "backoffInitial", backoffInitial);
        requirePositive(problems, "backoffMax", backoffMax);
        requirePositive(problems, "healthProbeTimeout", healthProbeTimeout);
        requirePositive(problems, "connectTimeout", connectTimeout);
        requirePositive(problems, "subscribeTimeout", subscribeTimeout);
        if (rttTolerance == null || rttTolerance.isNegative()) {
            problems.add("rttTolerance: " + rttTolerance + " must be zero or more");
        }
        if (backoffInitial != null && backoffMax != null && backoffInitial.compareTo(backoffMax) > 0) {
            problems.add("backoffInitial: " + backoffInitial + " is longer than backoffMax " + backoffMax
                    + "; the first delay cannot exceed the longest");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("subscriber options for stream '" + stream + "' are invalid: "
                    + String.join("; ", problems));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static boolean isFilterName(String name) {
        return name != null && (name.equals("key") || name.equals("where") || name.equals("fields")
                || (name.startsWith("header.") && name.length() > "header.".length()));
    }

    private static void requirePositive(List<String> problems, String field, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            problems.add(field + ": " + value + " must be a positive duration");
        }
    }

    /** Collects options; {@link #build()} validates them all at once. */
    public static final class Builder {
        private final List<URI> gateways = new ArrayList<>();
        private final List<String> badUrls = new ArrayList<>();
        private final Map<String, String> filters = new LinkedHashMap<>();
        private String stream;
        private String from = "latest";
        private int creditWindow = 500;
        private Supplier<String> bearerToken;
        private Duration heartbeatTimeout = Duration.ofSeconds(15);
        private Duration backoffInitial = Duration.ofMillis(200);
        private Duration backoffMax = Duration.ofSeconds(30);
        private Duration healthProbeTimeout = Duration.ofSeconds(1);
        private Duration rttTolerance = Duration.ofMillis(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration subscribeTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** Adds gateways, most preferred first; a trailing slash is ignored. */
        public Builder gateways(String... urls) {
            for (String url : urls) {
                try {
                    gateways.add(new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
                } catch (URISyntaxException | NullPointerException e) {
                    badUrls.add(String.valueOf(url));
                }
            }
            return this;
        }

        public Builder stream(String stream) {
            this.stream = stream;
            return this;
        }

        public Builder from(String from) {
            this.from = from;
            return this;
        }

        /** Only events with this key. */
        public Builder key(String key) {
            return filter("key", key);
        }

        /** Only events with this header value; repeat for more headers (all must match). */
        public Builder header(String name, String value) {
            return filter("header." + name, value);
        }

        /** Only events whose JSON value matches, like {@code tier == "PLATINUM" and amount > 100}. */
        public Builder where(String conditions) {
            return filter("where", conditions);
        }

        /** Projects JSON values to these fields, like {@code orderId,customer.tier}. */
        public Builder fields(String fields) {
            return filter("fields", fields);
        }

        /** Any gateway filter parameter by its name on the subscribe URL. */
        public Builder filter(String name, String value) {
            filters.put(name, value);
            return this;
        }

        public Builder creditWindow(int events) {
            this.creditWindow = events;
            return this;
        }

        public Builder bearerToken(Supplier<String> token) {
            this.bearerToken = token;
            return this;
        }

        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = timeout;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        public Builder healthProbeTimeout(Duration timeout) {
            this.healthProbeTimeout = timeout;
            return this;
        }

        public Builder rttTolerance(Duration tolerance) {
            this.rttTolerance = tolerance;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder subscribeTimeout(Duration timeout) {
            this.subscribeTimeout = timeout;
            return this;
        }

        public SubscriberOptions build() {
            if (!badUrls.isEmpty()) {
                throw new IllegalArgumentException("subscriber options for stream '" + stream + "' are invalid: gateways: "
                        + badUrls + " are not URLs; write http://host:port");
            }
            return new SubscriberOptions(gateways, stream, from, filters, creditWindow, bearerToken, heartbeatTimeout,
                    backoffInitial, backoffMax, healthProbeTimeout, rttTolerance, connectTimeout, subscribeTimeout);
        }
    }
}
